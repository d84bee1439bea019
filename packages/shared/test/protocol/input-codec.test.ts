import { describe, expect, it } from 'vitest';
import {
  decodeInput,
  encodeInput,
  INPUT_BYTES,
  INPUT_WITH_VIEW_BYTES,
  InputDecodeError,
  type PlayerInput,
} from '../../src/protocol/input-codec.js';
import { PlayerInputPayload } from '../../src/protocol/schemas.js';
import { Dice } from './snapshot-fixtures.js';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

function randomInput(dice: Dice): PlayerInput {
  const seq = dice.int(0, 0xffff_ffff);
  const buttons = dice.int(0, 31);
  if (dice.chance(0.3)) return { seq, buttons, viewTick: undefined, viewAheadMs: undefined };
  return { seq, buttons, viewTick: dice.int(0, 0xffff_ffff), viewAheadMs: dice.int(0, 1000) };
}

describe('binary player:input', () => {
  it('lays the fields out as PROTOCOL.md §4 shows', () => {
    expect(hex(encodeInput({ seq: 1, buttons: 8 }))).toBe('0100000008');
    const withView = encodeInput({ seq: 300, buttons: 17, viewTick: 70000, viewAheadMs: 40 });
    expect(hex(withView)).toBe('2c01000011701101002800');
    expect(withView).toHaveLength(INPUT_WITH_VIEW_BYTES);
  });

  it('round-trips every field at its limits', () => {
    const inputs: PlayerInput[] = [
      { seq: 0, buttons: 0, viewTick: undefined, viewAheadMs: undefined },
      { seq: 0xffff_ffff, buttons: 31, viewTick: 0xffff_ffff, viewAheadMs: 1000 },
      { seq: 0x8000_0000, buttons: 16, viewTick: 0, viewAheadMs: 0 },
    ];
    for (const input of inputs) expect(decodeInput(encodeInput(input))).toEqual(input);
  });

  it('round-trips random inputs, and what it decodes passes the JSON schema', () => {
    const dice = new Dice(11);
    for (let n = 0; n < 500; n++) {
      const input = randomInput(dice);
      const decoded = decodeInput(encodeInput(input));
      expect(decoded).toEqual(input);
      expect(PlayerInputPayload.safeParse(decoded).success).toBe(true);
    }
  });

  it('leaves a view-ahead without a view tick out: it means nothing alone', () => {
    expect(encodeInput({ seq: 5, buttons: 1, viewAheadMs: 30 })).toHaveLength(INPUT_BYTES);
  });

  it('refuses to encode what no server accepts', () => {
    expect(() => encodeInput({ seq: -1, buttons: 0 })).toThrow(RangeError);
    expect(() => encodeInput({ seq: 2 ** 32, buttons: 0 })).toThrow(RangeError);
    expect(() => encodeInput({ seq: 1, buttons: 32 })).toThrow(RangeError);
    expect(() => encodeInput({ seq: 1, buttons: 0, viewTick: 1.5 })).toThrow(RangeError);
    expect(() => encodeInput({ seq: 1, buttons: 0, viewTick: 1, viewAheadMs: 1001 })).toThrow(
      RangeError,
    );
  });

  it('says what is wrong with a bad payload', () => {
    const cases: [number[], RegExp][] = [
      [[], /5 or 11 bytes, got 0/],
      [[1, 0, 0, 0], /5 or 11 bytes, got 4/],
      [[1, 0, 0, 0, 0, 0], /got 6/],
      [[1, 0, 0, 0, 32], /buttons 32/],
      [[1, 0, 0, 0, 0xff, 0, 0, 0, 0, 0, 0], /buttons 255/],
      [[1, 0, 0, 0, 1, 9, 0, 0, 0, 0xe9, 0x03], /viewAheadMs 1001 is over 1000/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => decodeInput(Uint8Array.from(bytes))).toThrow(InputDecodeError);
      expect(() => decodeInput(Uint8Array.from(bytes))).toThrow(message);
    }
  });

  it('reads a view into a larger buffer (as a socket hands it over)', () => {
    const message = new Uint8Array([2, ...encodeInput({ seq: 9, buttons: 4 }), 0xee]);
    expect(decodeInput(message.subarray(1, 1 + INPUT_BYTES))).toMatchObject({ seq: 9, buttons: 4 });
  });
});

describe('binary player:input under a seeded fuzz', () => {
  it('turns random bytes into a valid input or an InputDecodeError, never anything else', () => {
    const dice = new Dice(7);
    let valid = 0;
    let refused = 0;
    for (let n = 0; n < 5000; n++) {
      // Mostly the two lengths that can be right, so that the field checks are reached too.
      const length = dice.chance(0.7) ? (dice.chance(0.5) ? 5 : 11) : dice.int(0, 24);
      const bytes = dice.bytes(length);
      // Half the time, fields in range, so that a valid input is as likely as a bad one.
      if (length >= 5 && dice.chance(0.5)) bytes[4]! &= 31;
      if (length >= 11 && dice.chance(0.5)) bytes[10]! &= 3;
      try {
        const input = decodeInput(bytes);
        expect(PlayerInputPayload.safeParse(input).success).toBe(true);
        expect(encodeInput(input)).toEqual(bytes);
        valid += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(InputDecodeError);
        expect((error as Error).message.length).toBeGreaterThan(10);
        refused += 1;
      }
    }
    expect(valid).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });
});

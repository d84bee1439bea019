import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_CODEC_VERSION,
  SnapshotDecodeError,
  SnapshotDecoder,
  SnapshotEncoder,
  SnapshotKind,
  encodeKeyframe,
  snapshotSource,
} from '../../src/protocol/snapshot-codec.js';
import type { Snapshot } from '../../src/protocol/snapshot.js';
import { ByteWriter } from '../../src/protocol/wire-bytes.js';
import { Dice, evolve, randomSnapshot } from './snapshot-fixtures.js';

const RATE = 30;

/** Decodes, and fails the test if anything but a SnapshotDecodeError escapes. */
function decodeOrDecodeError(decoder: SnapshotDecoder, frame: unknown): 'decoded' | 'refused' {
  try {
    decoder.decode(frame);
    return 'decoded';
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotDecodeError);
    return 'refused';
  }
}

/** A stream's states and frames (the first a keyframe, then deltas). */
function streamOf(seed: number, length: number): { states: Snapshot[]; frames: Uint8Array[] } {
  const dice = new Dice(seed);
  const states = [randomSnapshot(dice)];
  while (states.length < length) states.push(evolve(dice, states.at(-1)!));
  const encoder = new SnapshotEncoder(RATE);
  const frames = states.map((s) => {
    const encoded = encoder.encode(snapshotSource(s), s.serverTimeMs);
    return encoded.delta ?? encoded.keyframe();
  });
  return { states, frames };
}

const valid = encodeKeyframe(randomSnapshot(new Dice(3)), RATE);

describe('the decoder refuses bad frames with SnapshotDecodeError', () => {
  it('refuses every truncation of a valid keyframe and of valid deltas', () => {
    expect(valid.length).toBeGreaterThan(100);
    for (let length = 0; length < valid.length; length++) {
      expect(() => new SnapshotDecoder().decode(valid.subarray(0, length))).toThrow(
        SnapshotDecodeError,
      );
    }
    const { frames } = streamOf(8, 40);
    const decoder = new SnapshotDecoder();
    decoder.decode(frames[0]!);
    for (const delta of frames.slice(1)) {
      for (let length = 0; length < delta.length; length++) {
        expect(() => decoder.decode(delta.subarray(0, length))).toThrow(SnapshotDecodeError);
      }
      decoder.decode(delta);
    }
  });

  it('refuses another kind byte and another codec version', () => {
    for (const kind of [0, 0x53, 0xff]) {
      const bytes = valid.slice();
      bytes[0] = kind;
      expect(() => new SnapshotDecoder().decode(bytes)).toThrow(/not a snapshot/);
    }
    for (const version of [0, 1, SNAPSHOT_CODEC_VERSION + 1, 255]) {
      const bytes = valid.slice();
      bytes[1] = version;
      expect(() => new SnapshotDecoder().decode(bytes)).toThrow(/version/);
    }
  });

  it('refuses trailing bytes', () => {
    const bytes = new Uint8Array(valid.length + 1);
    bytes.set(valid);
    expect(() => new SnapshotDecoder().decode(bytes)).toThrow(/trailing/);
  });

  it('refuses things that are not bytes at all', () => {
    for (const junk of [null, undefined, 'K\u0002', 42, {}, [0x4b, 2], { buffer: 1 }]) {
      expect(decodeOrDecodeError(new SnapshotDecoder(), junk)).toBe('refused');
    }
  });
});

describe('the decoder under a seeded fuzz', () => {
  it('throws nothing but SnapshotDecodeError on random bytes, keyframe- or delta-shaped', () => {
    const dice = new Dice(2024);
    // A base whose players stand still mid-arena, mid-round: an empty delta one tick on
    // decodes whatever the fixtures' random players look like (a fast one at an edge would
    // leave the arena, and every delta would be refused, whatever the fuzz sent).
    const random = randomSnapshot(new Dice(1));
    const still = { ...random, round: { ...random.round, ticksLeft: 1000 } };
    still.players = random.players.map((p) => ({ ...p, x: 2000, y: 2000, vx: 0, vy: 0 }));
    const frames = [encodeKeyframe(still, RATE)];
    const decoder = new SnapshotDecoder();
    decoder.decode(frames[0]!);
    const base = decoder.tick!;
    const outcomes = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const head = new ByteWriter();
      const empty = dice.chance(0.2);
      if (dice.chance(0.5)) {
        // A delta on the base the decoder holds, one tick on, random sections after (or none).
        head.u8(SnapshotKind.Delta);
        head.varint(base);
        head.varint(1);
        head.svarint(dice.int(-3, 3));
        head.u8(empty ? 0 : dice.int(0, 63));
      } else {
        head.u8(SnapshotKind.Keyframe);
        head.u8(SNAPSHOT_CODEC_VERSION);
      }
      const bytes = new Uint8Array([...head.copy(), ...dice.bytes(empty ? 0 : dice.int(0, 60))]);
      const length = empty ? bytes.length : dice.int(0, bytes.length);
      outcomes.add(decodeOrDecodeError(decoder, bytes.subarray(0, length)));
      decoder.decode(frames[0]!);
    }
    expect(outcomes).toEqual(new Set(['decoded', 'refused']));
  });

  it('never lets a flipped delta change the state it was refused on', () => {
    const dice = new Dice(11);
    const { states, frames } = streamOf(12, 400);
    const decoder = new SnapshotDecoder();
    decoder.decode(frames[0]!);
    const outcomes = new Set<string>();
    for (let i = 1; i < frames.length; i++) {
      const bytes = frames[i]!.slice();
      for (let f = dice.int(1, 3); f > 0; f--)
        bytes[dice.int(0, bytes.length - 1)] = dice.int(0, 255);
      const outcome = decodeOrDecodeError(decoder, bytes);
      outcomes.add(outcome);
      // Refused: the state is the one before, and the true delta applies to it.
      if (outcome === 'refused') expect(decoder.decode(frames[i]!)).toEqual(states[i]);
      else decoder.decode(encodeKeyframe(states[i]!, RATE));
    }
    expect(outcomes).toEqual(new Set(['decoded', 'refused']));
  });

  it('throws nothing but SnapshotDecodeError when bytes of keyframes are flipped', () => {
    const dice = new Dice(13);
    for (let i = 0; i < 2000; i++) {
      const bytes = encodeKeyframe(randomSnapshot(dice), RATE);
      for (let f = dice.int(1, 4); f > 0; f--)
        bytes[dice.int(0, bytes.length - 1)] = dice.int(0, 255);
      decodeOrDecodeError(new SnapshotDecoder(), bytes);
    }
  });
});

/** The suite's own snapshot reader, on the frames of PROTOCOL.md §7's worked example. */
import { describe, expect, it } from 'vitest';
import { BaseMismatch, LayoutError, SnapshotReader } from '../src/snapshot-layout.js';
import { readBinaryMessage } from '../src/wire-parser.js';

const hex = (text: string) =>
  Uint8Array.from(
    text
      .replace(/[^0-9a-f ]/g, '')
      .trim()
      .split(/\s+/),
    (b) => parseInt(b, 16),
  );

/** The page's worked example: one player at (100, 200), one coin at (50, 60), tick 1. */
const KEYFRAME = hex(
  '4b 02 1e | 01 | 00 00 00 00 00 40 8f 40 | 01 00 97 2a | 01 01 00 00 c0 0c 80 19 00 00 00 00 01 00 | 01 01 a0 06 c0 07',
);
/** Tick 2: the player presses Right, moves at 60 px/s, its input seq 1 acknowledged. */
const DELTA = hex('44 | 01 01 | 00 | 08 | 01 01 91 04 80 0f 10 02');
/** Tick 3: nothing but the guesses. */
const STEADY = hex('44 02 01 00 00');

describe('SnapshotReader (PROTOCOL.md §7)', () => {
  it("reads the worked example's keyframe and applies its deltas by the guesses", () => {
    const reader = new SnapshotReader();
    const first = reader.read(KEYFRAME);
    expect(first).toMatchObject({ kind: 'keyframe', tick: 1, serverTimeMs: 1000, round: 1 });
    expect(first).toMatchObject({ phase: 0, ticksLeft: 5399, byteLength: 36 });
    expect(first.players).toEqual([
      { id: 1, x: 100, y: 200, vx: 0, vy: 0, score: 0, connected: true },
    ]);
    expect(first.coins).toEqual([{ id: 1, x: 50, y: 60 }]);
    expect(first.acks).toEqual([{ playerId: 1, seq: 0 }]);

    const second = reader.read(DELTA);
    expect(second).toMatchObject({ kind: 'delta', tick: 2, serverTimeMs: 1033.3125 });
    expect(second.ticksLeft).toBe(5398);
    expect(second.players[0]).toMatchObject({ x: 102, vx: 60 });
    expect(second.acks).toEqual([{ playerId: 1, seq: 1 }]);

    const third = reader.read(STEADY);
    expect(third.tick).toBe(3);
    expect(third.players[0]).toMatchObject({ x: 104, vx: 60 });
    expect(third.acks).toEqual([{ playerId: 1, seq: 2 }]);
    expect(third.coins).toEqual([{ id: 1, x: 50, y: 60 }]);
  });

  it('refuses a delta on a tick it does not hold, and keeps what it held', () => {
    const reader = new SnapshotReader();
    expect(() => reader.read(DELTA)).toThrow(BaseMismatch);
    reader.read(KEYFRAME);
    expect(() => reader.read(STEADY)).toThrow(BaseMismatch);
    expect(reader.read(DELTA).tick).toBe(2);
  });

  it('refuses another kind or codec version, a truncated frame or a byte too many', () => {
    const kind = KEYFRAME.slice();
    kind[0] = 0x53;
    const version = KEYFRAME.slice();
    version[1] = 1;
    const long = new Uint8Array(KEYFRAME.byteLength + 1);
    long.set(KEYFRAME);
    for (const frame of [kind, version, KEYFRAME.slice(0, 30), long])
      expect(() => new SnapshotReader().read(frame)).toThrow(LayoutError);
  });
});

describe('binary messages (PROTOCOL.md §1)', () => {
  it('names the event by its first byte, or by the name that follows a 0', () => {
    expect(readBinaryMessage(Uint8Array.of(1, 0x4b, 2))).toEqual({
      event: 'state:snapshot',
      payload: Uint8Array.of(0x4b, 2),
    });
    const named = readBinaryMessage(Uint8Array.of(0, 3, 0x61, 0x3a, 0x62, 9));
    expect(named).toEqual({ event: 'a:b', payload: Uint8Array.of(9) });
    expect(() => readBinaryMessage(Uint8Array.of(0x7f))).toThrow();
    expect(() => readBinaryMessage(Uint8Array.of(0, 5, 0x61))).toThrow();
  });
});

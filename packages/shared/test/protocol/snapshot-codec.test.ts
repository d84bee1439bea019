import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_CODEC_VERSION,
  SNAPSHOT_MAGIC,
  decodeSnapshot,
  encodeSnapshot,
  encodedSnapshotSize,
} from '../../src/protocol/snapshot-codec.js';
import type { Snapshot, SnapshotPlayer } from '../../src/protocol/snapshot.js';
import { RoundPhase, addPlayer, createWorld, step, type World } from '../../src/sim/index.js';
import { scriptedInputs } from '../sim/fixtures.js';
import { Dice, randomSnapshot } from './snapshot-fixtures.js';

const HEADER = 21;
const PLAYER = 17;
const COIN = 6;
const ACK = 6;

function snapshotOf(world: World): Snapshot {
  return {
    tick: world.tick,
    serverTimeMs: 1_700_000_000_000 + world.tick * 33.3,
    round: { ...world.round },
    players: world.players.map((p) => ({ ...p, connected: true })),
    coins: world.coins.map((c) => ({ ...c })),
    acks: world.players.map((p) => ({ playerId: p.id, seq: world.tick })),
  };
}

const EMPTY: Snapshot = {
  tick: 0,
  serverTimeMs: 0,
  round: { number: 1, phase: RoundPhase.Playing, ticksLeft: 0 },
  players: [],
  coins: [],
  acks: [],
};

const ONE_PLAYER: SnapshotPlayer = {
  id: 1,
  x: 100,
  y: 100,
  vx: 0,
  vy: 0,
  score: 0,
  dashTicks: 0,
  dashCooldownTicks: 0,
  lastButtons: 0,
  connected: true,
};

describe('snapshot round trip', () => {
  it('gives back 200 seeded random snapshots deep-equal', () => {
    const dice = new Dice(1234);
    for (let i = 0; i < 200; i++) {
      const snapshot = randomSnapshot(dice);
      expect(decodeSnapshot(encodeSnapshot(snapshot))).toEqual(snapshot);
    }
  });

  it('carries a real simulated world without loss, including its sign of zero', () => {
    let world = createWorld(99);
    for (let id = 1; id <= 6; id++) world = addPlayer(world, id);
    for (const inputs of scriptedInputs(7, 600, [1, 2, 3, 4, 5, 6])) {
      world = step(world, inputs);
      const snapshot = snapshotOf(world);
      const decoded = decodeSnapshot(encodeSnapshot(snapshot));
      expect(decoded, `tick ${world.tick}`).toEqual(snapshot);
    }
  });

  it('decodes from an ArrayBuffer and from a Uint8Array that is a window on a larger buffer', () => {
    const snapshot = randomSnapshot(new Dice(5));
    const bytes = encodeSnapshot(snapshot);
    expect(decodeSnapshot(bytes.slice().buffer)).toEqual(snapshot);
    const larger = new Uint8Array(bytes.length + 20).fill(0xee);
    larger.set(bytes, 7);
    expect(decodeSnapshot(larger.subarray(7, 7 + bytes.length))).toEqual(snapshot);
  });

  it('keeps the edges of every range', () => {
    const edge: Snapshot = {
      tick: 0xffff_ffff,
      serverTimeMs: -1.5,
      round: { number: 0xffff, phase: RoundPhase.Intermission, ticksLeft: 0xffff_ffff },
      players: [
        {
          id: 0xffff,
          x: 4095.9375,
          y: 0,
          vx: -2048,
          vy: 2047.9375,
          score: 0xffff,
          dashTicks: 0xff,
          dashCooldownTicks: 0xffff,
          lastButtons: 0xff,
          connected: false,
        },
      ],
      coins: [{ id: 0xffff, x: 4095.9375, y: 0 }],
      acks: [{ playerId: 0xffff, seq: 0xffff_ffff }],
    };
    expect(decodeSnapshot(encodeSnapshot(edge))).toEqual(edge);
  });
});

describe('snapshot sizes', () => {
  it('are 24 bytes empty, plus 17 per player, 6 per coin, 6 per ack', () => {
    expect(encodeSnapshot(EMPTY).byteLength).toBe(HEADER + 3);
    const dice = new Dice(77);
    for (let i = 0; i < 50; i++) {
      const s = randomSnapshot(dice);
      const expected =
        HEADER + 3 + s.players.length * PLAYER + s.coins.length * COIN + s.acks.length * ACK;
      expect(encodedSnapshotSize(s)).toBe(expected);
      expect(encodeSnapshot(s).byteLength).toBe(expected);
    }
  });

  it('refuse more than 255 entries in a table rather than wrap the count', () => {
    const many = Array.from({ length: 256 }, (_, i) => ({ id: i + 1, x: 0, y: 0 }));
    expect(() => encodeSnapshot({ ...EMPTY, coins: many })).toThrow(RangeError);
    expect(() => encodeSnapshot({ ...EMPTY, coins: many.slice(0, 255) })).not.toThrow();
  });
});

describe('out-of-range values', () => {
  function roundTripPlayer(p: Partial<SnapshotPlayer>): SnapshotPlayer {
    const decoded = decodeSnapshot(
      encodeSnapshot({ ...EMPTY, players: [{ ...ONE_PLAYER, ...p }] }),
    );
    return decoded.players[0]!;
  }

  it('clamp positions to 0..4095.9375', () => {
    expect(roundTripPlayer({ x: -5, y: 99_999 })).toMatchObject({ x: 0, y: 4095.9375 });
  });

  it('clamp velocities to -2048..2047.9375', () => {
    expect(roundTripPlayer({ vx: 5000, vy: -5000 })).toMatchObject({ vx: 2047.9375, vy: -2048 });
  });

  it('clamp counters instead of wrapping them', () => {
    expect(
      roundTripPlayer({ score: 70_000, dashTicks: 300, dashCooldownTicks: 1e9 }),
    ).toMatchObject({ score: 0xffff, dashTicks: 0xff, dashCooldownTicks: 0xffff });
    expect(roundTripPlayer({ score: -3, dashTicks: -1 })).toMatchObject({ score: 0, dashTicks: 0 });
  });

  it('clamp the header and ack numbers instead of wrapping them', () => {
    const decoded = decodeSnapshot(
      encodeSnapshot({
        ...EMPTY,
        tick: 2 ** 32 + 5,
        round: { number: 70_000, phase: RoundPhase.Playing, ticksLeft: -1 },
        acks: [
          { playerId: 1, seq: 2 ** 32 + 1 },
          { playerId: 2, seq: -1 },
        ],
      }),
    );
    expect(decoded.tick).toBe(0xffff_ffff);
    expect(decoded.round).toMatchObject({ number: 0xffff, ticksLeft: 0 });
    expect(decoded.acks.map((a) => a.seq)).toEqual([0xffff_ffff, 0]);
  });

  it('round positions off the grid to the nearest sixteenth', () => {
    expect(roundTripPlayer({ x: 10.04, vx: -1.95 })).toMatchObject({ x: 10.0625, vx: -1.9375 });
  });

  it('encode NaN as 0 rather than throw', () => {
    expect(roundTripPlayer({ x: Number.NaN, score: Number.NaN })).toMatchObject({ x: 0, score: 0 });
  });
});

describe('the documented byte layout', () => {
  it('matches a frame assembled by hand from docs/PROTOCOL.md', () => {
    const bytes = new Uint8Array(HEADER + 1 + PLAYER + 1 + COIN + 1 + ACK);
    const v = new DataView(bytes.buffer);
    v.setUint8(0, 0x53);
    v.setUint8(1, 1);
    v.setUint32(2, 1234, true);
    v.setFloat64(6, 1_700_000_000_123.5, true);
    v.setUint16(14, 3, true);
    v.setUint8(16, 1); // intermission
    v.setUint32(17, 150, true);
    v.setUint8(21, 1); // one player
    v.setUint16(22, 7, true);
    v.setUint16(24, 100 * 16 + 1, true);
    v.setUint16(26, 200 * 16, true);
    v.setInt16(28, -240 * 16, true);
    v.setInt16(30, 8, true);
    v.setUint16(32, 12, true);
    v.setUint8(34, 4);
    v.setUint16(35, 40, true);
    v.setUint8(37, 0b1_0001);
    v.setUint8(38, 1);
    v.setUint8(39, 1); // one coin
    v.setUint16(40, 9, true);
    v.setUint16(42, 16 * 16, true);
    v.setUint16(44, 32 * 16, true);
    v.setUint8(46, 1); // one ack
    v.setUint16(47, 7, true);
    v.setUint32(49, 4_000_000_000, true);

    const expected: Snapshot = {
      tick: 1234,
      serverTimeMs: 1_700_000_000_123.5,
      round: { number: 3, phase: RoundPhase.Intermission, ticksLeft: 150 },
      players: [
        {
          id: 7,
          x: 100.0625,
          y: 200,
          vx: -240,
          vy: 0.5,
          score: 12,
          dashTicks: 4,
          dashCooldownTicks: 40,
          lastButtons: 0b1_0001,
          connected: true,
        },
      ],
      coins: [{ id: 9, x: 16, y: 32 }],
      acks: [{ playerId: 7, seq: 4_000_000_000 }],
    };
    expect(SNAPSHOT_MAGIC).toBe(0x53);
    expect(SNAPSHOT_CODEC_VERSION).toBe(1);
    expect(decodeSnapshot(bytes)).toEqual(expected);
    expect(encodeSnapshot(expected)).toEqual(bytes);
  });
});

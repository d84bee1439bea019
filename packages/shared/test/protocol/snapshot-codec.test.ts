import { describe, expect, it } from 'vitest';
import {
  SnapshotBaseMismatch,
  SnapshotDecoder,
  SnapshotEncoder,
  encodeKeyframe,
  snapshotSource,
} from '../../src/protocol/snapshot-codec.js';
import type { Snapshot, SnapshotPlayer } from '../../src/protocol/snapshot.js';
import { RoundPhase, addPlayer, createWorld, step, type World } from '../../src/sim/index.js';
import { restingPlayer, scriptedInputs } from '../sim/fixtures.js';
import { Dice, evolve, randomSnapshot } from './snapshot-fixtures.js';

const RATE = 30;

function snapshotOf(world: World, acks: (id: number) => number = () => world.tick): Snapshot {
  return {
    tick: world.tick,
    serverTimeMs: 1_700_000_000_000 + world.tick * 33.3125,
    round: { ...world.round },
    players: world.players.map((p) => ({ ...p, connected: true })),
    coins: world.coins.map((c) => ({ ...c })),
    acks: world.players.map((p) => ({ playerId: p.id, seq: acks(p.id) })),
  };
}

const EMPTY: Snapshot = {
  tick: 1,
  serverTimeMs: 0,
  round: { number: 1, phase: RoundPhase.Playing, ticksLeft: 0 },
  players: [],
  coins: [],
  acks: [],
};

const ONE_PLAYER: SnapshotPlayer = { ...restingPlayer({ id: 1, x: 100, y: 100 }), connected: true };

/** Encodes a stream of snapshots; returns each one's delta (the first one's keyframe). */
function stream(snapshots: readonly Snapshot[]): Uint8Array[] {
  const encoder = new SnapshotEncoder(RATE);
  return snapshots.map((s) => {
    const encoded = encoder.encode(snapshotSource(s), s.serverTimeMs);
    return encoded.delta ?? encoded.keyframe();
  });
}

const keyframeRoundTrip = (s: Snapshot) => new SnapshotDecoder().decode(encodeKeyframe(s, RATE));

describe('keyframes', () => {
  it('give back 200 seeded random snapshots deep-equal', () => {
    const dice = new Dice(1234);
    for (let i = 0; i < 200; i++) {
      const snapshot = randomSnapshot(dice);
      expect(keyframeRoundTrip(snapshot)).toEqual(snapshot);
    }
  });

  it('decode from an ArrayBuffer and from a window on a larger buffer', () => {
    const snapshot = randomSnapshot(new Dice(5));
    const bytes = encodeKeyframe(snapshot, RATE);
    expect(new SnapshotDecoder().decode(bytes.slice().buffer)).toEqual(snapshot);
    const larger = new Uint8Array(bytes.length + 20).fill(0xee);
    larger.set(bytes, 7);
    expect(new SnapshotDecoder().decode(larger.subarray(7, 7 + bytes.length))).toEqual(snapshot);
  });

  it('keep the edges of every range', () => {
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
    expect(keyframeRoundTrip(edge)).toEqual(edge);
  });
});

describe('a stream of deltas', () => {
  it('always reproduces the keyframe state: 1000 random steps, every section met', () => {
    const dice = new Dice(42);
    let snapshot = randomSnapshot(dice);
    const snapshots = [snapshot];
    for (let i = 0; i < 1000; i++) snapshots.push((snapshot = evolve(dice, snapshot)));
    const frames = stream(snapshots);
    const decoder = new SnapshotDecoder();
    frames.forEach((frame, i) => {
      expect(decoder.decode(frame), `step ${i}`).toEqual(snapshots[i]);
      if (i % 10 === 0)
        expect(decoder.keyframe(), `step ${i}`).toEqual(encodeKeyframe(snapshots[i]!, RATE));
    });
  });

  it('carries a real simulated world without loss, and an idle player costs nothing', () => {
    let world = createWorld(99);
    for (let id = 1; id <= 6; id++) world = addPlayer(world, id);
    const snapshots = [snapshotOf(world)];
    for (const inputs of scriptedInputs(7, 600, [1, 2, 3, 4, 5, 6])) {
      world = step(world, inputs);
      snapshots.push(snapshotOf(world));
    }
    const decoder = new SnapshotDecoder();
    stream(snapshots).forEach((frame, i) => expect(decoder.decode(frame)).toEqual(snapshots[i]));
  });

  it('sends a room at rest in a few bytes: kind, base, step, time, flags', () => {
    let world = createWorld(3);
    for (let id = 1; id <= 10; id++) world = addPlayer(world, id);
    world = { ...world, config: { ...world.config, maxCoins: 0 } };
    const snapshots = [snapshotOf(world)];
    const acks = () => world.tick + 100;
    snapshots[0] = snapshotOf(world, acks);
    for (let t = 0; t < 5; t++) snapshots.push(snapshotOf((world = step(world, new Map())), acks));
    const deltas = stream(snapshots).slice(1);
    // 'D', base tick (1 byte while it is below 128), 1 tick on, time as guessed, no section.
    for (const delta of deltas) expect([...delta]).toEqual([0x44, delta[1], 1, 0, 0]);
  });

  it('guesses a player moving at a steady speed: its delta carries nothing for it', () => {
    const moving = { ...ONE_PLAYER, vx: 240, vy: -120 };
    const at = (tick: number): Snapshot => ({
      ...EMPTY,
      tick,
      serverTimeMs: (tick * 1000) / RATE,
      round: { ...EMPTY.round, ticksLeft: 1000 - tick },
      players: [{ ...moving, x: 100 + tick * 8, y: 500 - tick * 4 }],
      acks: [{ playerId: 1, seq: 50 + tick }],
    });
    const deltas = stream([at(1), at(2), at(3), at(5)]).slice(1);
    for (const delta of deltas) expect(delta.at(-1)).toBe(0); // flags: no section
  });
});

describe('a delta on the wrong base', () => {
  const dice = new Dice(9);
  const first = randomSnapshot(dice);
  const second = evolve(dice, first);
  const third = evolve(dice, second);
  const [keyframe, delta2, delta3] = stream([first, second, third]);

  it('is refused by a decoder that holds nothing, and by one that holds another tick', () => {
    expect(() => new SnapshotDecoder().decode(delta2)).toThrow(SnapshotBaseMismatch);
    const decoder = new SnapshotDecoder();
    decoder.decode(keyframe!);
    expect(() => decoder.decode(delta3)).toThrow(SnapshotBaseMismatch);
    // The state is kept: the delta it was waiting for still applies.
    expect(decoder.tick).toBe(first.tick);
    expect(decoder.decode(delta2)).toEqual(second);
    expect(decoder.decode(delta3)).toEqual(third);
  });

  it('applies once a keyframe arrives', () => {
    const decoder = new SnapshotDecoder();
    expect(() => decoder.decode(delta3)).toThrow(SnapshotBaseMismatch);
    decoder.decode(encodeKeyframe(second, RATE));
    expect(decoder.decode(delta3)).toEqual(third);
  });
});

describe('out-of-range values', () => {
  function roundTripPlayer(p: Partial<SnapshotPlayer>): SnapshotPlayer {
    return keyframeRoundTrip({ ...EMPTY, players: [{ ...ONE_PLAYER, ...p }], acks: [] })
      .players[0]!;
  }

  it('clamp positions to 0..4095.9375 and velocities to -2048..2047.9375', () => {
    expect(roundTripPlayer({ x: -5, y: 99_999 })).toMatchObject({ x: 0, y: 4095.9375 });
    expect(roundTripPlayer({ vx: 5000, vy: -5000 })).toMatchObject({ vx: 2047.9375, vy: -2048 });
  });

  it('clamp counters instead of wrapping them', () => {
    expect(
      roundTripPlayer({ score: 70_000, dashTicks: 300, dashCooldownTicks: 1e9 }),
    ).toMatchObject({ score: 0xffff, dashTicks: 0xff, dashCooldownTicks: 0xffff });
    expect(roundTripPlayer({ score: -3, dashTicks: -1 })).toMatchObject({ score: 0, dashTicks: 0 });
  });

  it('round values off the grid to the nearest sixteenth, and send NaN as 0', () => {
    expect(roundTripPlayer({ x: 10.04, vx: -1.95 })).toMatchObject({ x: 10.0625, vx: -1.9375 });
    expect(roundTripPlayer({ x: Number.NaN, score: Number.NaN })).toMatchObject({ x: 0, score: 0 });
  });

  it('clamp acks to u32', () => {
    const decoded = keyframeRoundTrip({
      ...EMPTY,
      players: [ONE_PLAYER, { ...ONE_PLAYER, id: 2 }],
      acks: [
        { playerId: 1, seq: 2 ** 32 + 1 },
        { playerId: 2, seq: -1 },
      ],
    });
    expect(decoded.acks.map((a) => a.seq)).toEqual([0xffff_ffff, 0]);
  });
});

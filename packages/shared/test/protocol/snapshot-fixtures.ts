/**
 * Seeded random snapshots for codec tests: every field on the wire grid and inside its range,
 * players ascending by id with one ack each (what a decoder gives back), and `evolve`, which
 * turns one snapshot into a plausible next one (players join, leave, move, dash; coins come and
 * go; rounds end) so a stream of deltas meets every section.
 */
import type { Snapshot, SnapshotPlayer } from '../../src/protocol/snapshot.js';
import { RoundPhase, nextRandom } from '../../src/sim/index.js';

export class Dice {
  constructor(private state: number) {}

  /** A float in [0, 1). */
  next(): number {
    const r = nextRandom(this.state);
    this.state = r.state;
    return r.value;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.int(0, 255));
  }
}

/** A multiple of 1/16 in [min, max], never -0 (the wire has no negative zero). */
function sixteenths(dice: Dice, min: number, max: number): number {
  return dice.int(min * 16, max * 16) / 16 + 0;
}

export function randomPlayer(dice: Dice, id: number): SnapshotPlayer {
  return {
    id,
    x: sixteenths(dice, 0, 4095),
    y: sixteenths(dice, 0, 4095),
    vx: sixteenths(dice, -2048, 2047),
    vy: sixteenths(dice, -2048, 2047),
    score: dice.int(0, 0xffff),
    dashTicks: dice.int(0, 0xff),
    dashCooldownTicks: dice.int(0, 0xffff),
    lastButtons: dice.int(0, 0xff),
    connected: dice.chance(0.5),
  };
}

function randomIds(dice: Dice, count: number): number[] {
  const ids = new Set<number>();
  while (ids.size < count) ids.add(dice.int(1, 0xffff));
  return [...ids].sort((a, b) => a - b);
}

export function randomSnapshot(dice: Dice): Snapshot {
  const players = randomIds(dice, dice.int(0, 20)).map((id) => randomPlayer(dice, id));
  const coinIds = [...new Set(Array.from({ length: dice.int(0, 30) }, () => dice.int(1, 0xffff)))];
  return {
    tick: dice.int(0, 0xffff_fff0),
    serverTimeMs: sixteenths(dice, 0, 2e12),
    round: {
      number: dice.int(0, 0xffff),
      phase: dice.chance(0.5) ? RoundPhase.Playing : RoundPhase.Intermission,
      ticksLeft: dice.int(0, 0xffff_ffff),
    },
    players,
    coins: coinIds.map((id) => ({
      id,
      x: sixteenths(dice, 0, 4095),
      y: sixteenths(dice, 0, 4095),
    })),
    acks: players.map((p) => ({ playerId: p.id, seq: dice.int(0, 0xffff_ffff) })),
  };
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** One player a tick later: usually a small push, now and then a jump in any field. */
function evolvePlayer(dice: Dice, p: SnapshotPlayer, ticks: number): SnapshotPlayer {
  const next = { ...p };
  if (dice.chance(0.3)) next.vx = clamp(p.vx + sixteenths(dice, -60, 60), -2048, 2047.9375);
  if (dice.chance(0.3)) next.vy = clamp(p.vy + sixteenths(dice, -60, 60), -2048, 2047.9375);
  next.x = clamp(p.x + Math.round(((next.vx * ticks) / 30) * 16) / 16, 0, 4095.9375);
  next.y = clamp(p.y + Math.round(((next.vy * ticks) / 30) * 16) / 16, 0, 4095.9375);
  if (dice.chance(0.1)) next.x = sixteenths(dice, 0, 4095);
  next.dashTicks = Math.max(0, p.dashTicks - ticks);
  next.dashCooldownTicks = Math.max(0, p.dashCooldownTicks - ticks);
  if (dice.chance(0.05)) [next.dashTicks, next.dashCooldownTicks] = [6, 45];
  if (dice.chance(0.1)) next.lastButtons = dice.int(0, 31);
  if (dice.chance(0.05)) next.score = dice.int(0, 0xffff);
  if (dice.chance(0.02)) next.connected = !p.connected;
  return next;
}

/** A plausible next snapshot of the same room, 1–3 ticks later. */
export function evolve(dice: Dice, s: Snapshot): Snapshot {
  const ticks = dice.int(1, 3);
  const acks = new Map(s.acks.map((a) => [a.playerId, a.seq]));
  let players = s.players.filter(() => !dice.chance(0.03)).map((p) => evolvePlayer(dice, p, ticks));
  if (dice.chance(0.08)) {
    const taken = new Set(players.map((p) => p.id));
    const id = dice.int(1, 0xffff);
    if (!taken.has(id)) players = [...players, randomPlayer(dice, id)].sort((a, b) => a.id - b.id);
  }
  const nextAck = (id: number) => {
    const seq = acks.get(id) ?? 0;
    if (dice.chance(0.05)) return dice.int(0, 0xffff_ffff);
    return seq === 0 ? 0 : Math.min(0xffff_ffff, seq + ticks);
  };
  let coins = s.coins.filter(() => !dice.chance(0.05));
  if (dice.chance(0.1)) {
    const id = dice.int(1, 0xffff);
    if (!coins.some((c) => c.id === id))
      coins = [...coins, { id, x: sixteenths(dice, 0, 4095), y: sixteenths(dice, 0, 4095) }];
  }
  const roundEnds = dice.chance(0.02) || s.round.ticksLeft < ticks;
  return {
    tick: s.tick + ticks,
    serverTimeMs: s.serverTimeMs + ticks * 33.3125 + sixteenths(dice, -4, 4),
    round: roundEnds
      ? { number: s.round.number + 1, phase: RoundPhase.Playing, ticksLeft: 5400 }
      : { ...s.round, ticksLeft: s.round.ticksLeft - ticks },
    players,
    coins,
    acks: players.map((p) => ({ playerId: p.id, seq: nextAck(p.id) })),
  };
}

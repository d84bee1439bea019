/** Seeded random snapshots for codec tests: every field on the grid and inside its wire range. */
import type { Snapshot } from '../../src/protocol/snapshot.js';
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

export function randomSnapshot(dice: Dice): Snapshot {
  const players = Array.from({ length: dice.int(0, 20) }, () => ({
    id: dice.int(1, 0xffff),
    x: sixteenths(dice, 0, 4095),
    y: sixteenths(dice, 0, 4095),
    vx: sixteenths(dice, -2048, 2047),
    vy: sixteenths(dice, -2048, 2047),
    score: dice.int(0, 0xffff),
    dashTicks: dice.int(0, 0xff),
    dashCooldownTicks: dice.int(0, 0xffff),
    lastButtons: dice.int(0, 31),
    connected: dice.next() < 0.5,
  }));
  return {
    tick: dice.int(0, 0xffff_ffff),
    serverTimeMs: dice.next() * 2e12,
    round: {
      number: dice.int(0, 0xffff),
      phase: dice.next() < 0.5 ? RoundPhase.Playing : RoundPhase.Intermission,
      ticksLeft: dice.int(0, 0xffff_ffff),
    },
    players,
    coins: Array.from({ length: dice.int(0, 30) }, () => ({
      id: dice.int(1, 0xffff),
      x: sixteenths(dice, 0, 4095),
      y: sixteenths(dice, 0, 4095),
    })),
    acks: players.map((p) => ({ playerId: p.id, seq: dice.int(0, 0xffff_ffff) })),
  };
}

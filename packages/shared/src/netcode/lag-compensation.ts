/**
 * Lag compensation: judge a dash hit against where the attacker saw the victim. The server
 * records every player's position each tick; the attacker's input says which tick it was
 * drawing others at (`viewTick`: the newest tick at or before its render time, so what it drew
 * lies between `viewTick` and `viewTick + 1`), and `lookup` hands `sim.step` the point of the
 * victim's path between those two ticks that is closest to the attacker.
 *
 * The victim's body where it is now counts too. Bodies collide in the present, so a dash that
 * runs into the victim's present body would bounce off before reaching the past one the
 * attacker aims at, and a hit the attacker is about to see would never land.
 *
 * History is bounded: a view older than `maxRewindMs` is judged at the oldest tick kept, so a
 * very laggy client cannot reach arbitrarily far into the past. The bound must cover what a
 * client on a slow link really sees: its input's trip, the snapshot's trip, the interpolation
 * delay and the input buffer; on the `far` profile that is 600–800 ms (docs/NETCODE.md).
 */
import type { HitPositionLookup } from '../sim/collisions.js';
import type { Point } from './point.js';

/** Like Source's `sv_maxunlag` (1 s): enough for a 300 ms round trip with a stall buffer. */
export const LAG_COMP_MAX_REWIND_MS = 1000;

interface Recorded {
  tick: number;
  positions: Map<number, Point>;
}

export interface LagCompensationStats {
  lookups: number;
  /** Views older than the bound, judged at the oldest tick kept instead. */
  clamped: number;
}

const OUT_OF_REACH: Point = { x: Number.NaN, y: Number.NaN };

export class LagCompensation {
  private readonly ring: (Recorded | undefined)[];
  private newestTick: number | undefined;
  readonly maxRewindTicks: number;
  readonly stats: LagCompensationStats = { lookups: 0, clamped: 0 };

  constructor(tickMs: number, maxRewindMs = LAG_COMP_MAX_REWIND_MS) {
    this.maxRewindTicks = Math.max(1, Math.floor(maxRewindMs / tickMs));
    this.ring = new Array<Recorded | undefined>(this.maxRewindTicks + 1).fill(undefined);
  }

  /** Call after every `step` with the new world's tick and players. */
  record(tick: number, players: readonly { id: number; x: number; y: number }[]): void {
    const positions = new Map(players.map((p) => [p.id, { x: p.x, y: p.y }]));
    this.ring[tick % this.ring.length] = { tick, positions };
    this.newestTick = tick;
  }

  private at(tick: number): Recorded | undefined {
    const entry = this.ring[tick % this.ring.length];
    return entry?.tick === tick ? entry : undefined;
  }

  /** Where `victimId` was at `tick`, clamped into the kept history; undefined if never seen. */
  positionAt(victimId: number, tick: number): Point | undefined {
    if (this.newestTick === undefined) return undefined;
    const oldest = this.newestTick - this.maxRewindTicks;
    let t = Math.min(this.newestTick, Math.floor(tick));
    if (t < oldest) {
      this.stats.clamped += 1;
      t = oldest;
    }
    // Walk forward past ticks we never recorded or from before the victim joined.
    for (; t <= this.newestTick; t++) {
      const position = this.at(t)?.positions.get(victimId);
      if (position) return position;
    }
    return undefined;
  }

  /**
   * The `hitPosition` option for `sim.step`. `present` is this tick's positions after
   * movement (`presentPositions`); `reach` is the hit distance (two player radii). An attacker
   * with no view tick is judged in the present, exactly as without lag compensation.
   *
   * What the attacker saw wins: if it touches anyone where it saw them, only those seen
   * positions are judged, so a body it could not see (someone's present position) never
   * steals the hit. Otherwise present bodies count too, so running into one hits it.
   */
  lookup(
    viewTickOf: (attackerId: number) => number | undefined,
    present: ReadonlyMap<number, Point>,
    reach: number,
  ): HitPositionLookup {
    const seesContact = new Map<number, boolean>();
    return (attackerId, victimId) => {
      const now = present.get(victimId);
      const attacker = present.get(attackerId);
      const viewTick = viewTickOf(attackerId);
      if (viewTick === undefined || !attacker) return now ?? OUT_OF_REACH;
      this.stats.lookups += 1;
      const seen = this.seenPosition(victimId, viewTick, attacker, now) ?? OUT_OF_REACH;
      if (!seesContact.has(attackerId)) {
        seesContact.set(attackerId, this.touchesAnySeen(attackerId, viewTick, present, reach));
      }
      if (seesContact.get(attackerId) || !now) return seen;
      return distanceSquared(attacker, now) < distanceSquared(attacker, seen) ? now : seen;
    };
  }

  private touchesAnySeen(
    attackerId: number,
    viewTick: number,
    present: ReadonlyMap<number, Point>,
    reach: number,
  ): boolean {
    const attacker = present.get(attackerId)!;
    for (const [id, now] of present) {
      if (id === attackerId) continue;
      const seen = this.seenPosition(id, viewTick, attacker, now);
      if (seen && distanceSquared(attacker, seen) < reach * reach) return true;
    }
    return false;
  }

  /** The point of the victim's drawn path (viewTick → viewTick + 1) closest to the attacker. */
  private seenPosition(
    victimId: number,
    viewTick: number,
    attacker: Point,
    now: Point | undefined,
  ) {
    const from = this.positionAt(victimId, viewTick);
    if (!from) return undefined;
    const newest = this.newestTick ?? 0;
    // Drawing past the newest recorded tick means drawing towards this tick's positions.
    const to = Math.floor(viewTick) + 1 > newest ? now : this.positionAt(victimId, viewTick + 1);
    return to ? closestOnSegment(from, to, attacker) : from;
  }
}

function distanceSquared(a: Point, b: Point): number {
  return (a.x - b.x) ** 2 + (a.y - b.y) ** 2;
}

function closestOnSegment(a: Point, b: Point, p: Point): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return a;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return { x: a.x + t * dx, y: a.y + t * dy };
}

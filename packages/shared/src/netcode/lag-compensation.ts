/**
 * Lag compensation: judge a dash hit against where the attacker saw the victim. The server
 * records every player's state each tick; the attacker's input says which tick it was drawing
 * others at (`viewTick`: the newest tick at or before its render time, so what it drew lies
 * between `viewTick` and `viewTick + 1`), and `lookup` hands `sim.step` the point of the
 * victim's path between those two ticks that is closest to the attacker.
 *
 * While the attacker's snapshots were late it drew others extrapolated past the newest one it
 * had (`viewTick`) by `aheadMs`. The server runs the very same dead reckoning (`reckonPath`)
 * from its record of that tick, so the victim is judged where the attacker drew it, guess
 * included, not where it really went.
 *
 * The victim's body where it is now counts too. Bodies collide in the present, so a dash that
 * runs into the victim's present body would bounce off before reaching the past one the
 * attacker aims at, and a hit the attacker is about to see would never land.
 *
 * History is bounded: a view older than `maxRewindMs` is judged at the oldest tick kept, so a
 * very laggy client cannot reach arbitrarily far into the past. The bound must cover what a
 * client on a slow link really sees: its input's trip, the snapshot's trip, the interpolation
 * delay and the input buffer; that is 600–800 ms on the `far` profile and often more than 1 s
 * on `badMobile`, whose input trips stall too (docs/NETCODE.md).
 */
import type { HitPositionLookup } from '../sim/collisions.js';
import { DEFAULT_SIM_CONFIG, type SimConfig } from '../sim/config.js';
import {
  EXTRAPOLATE_MAX_MS,
  pointOnPath,
  reckonPath,
  type ReckoningStart,
} from './extrapolation.js';
import { LagHistory, type RecordedPlayer } from './lag-history.js';
import type { Point } from './point.js';

export type { RecordedPlayer } from './lag-history.js';

/**
 * Half as much again as Source's `sv_maxunlag` (1 s): a 300 ms one-way link whose input trips
 * stall for 600 ms sees others up to about 1.4 s old at the server. The history costs about
 * 8 KB per player per room at 30 Hz (measured: 81 KB for a room of 10; 53 KB at 1 s).
 */
export const LAG_COMP_MAX_REWIND_MS = 1500;

/** What the attacker drew: tick `tick`, extrapolated `aheadMs` past it (0: interpolated). */
export interface AttackerView {
  tick: number;
  aheadMs: number;
}

export interface LagCompensationStats {
  lookups: number;
  /** Views older than the bound, judged at the oldest tick kept instead. */
  clamped: number;
}

const OUT_OF_REACH: Point = { x: Number.NaN, y: Number.NaN };

/** Where one attacker saw each victim this tick (undefined: not in the history). */
type SeenPositions = Map<number, Point | undefined>;

export class LagCompensation {
  private readonly history: LagHistory;
  private newestTick: number | undefined;
  readonly maxRewindTicks: number;
  readonly stats: LagCompensationStats = { lookups: 0, clamped: 0 };

  constructor(
    private readonly tickMs: number,
    maxRewindMs = LAG_COMP_MAX_REWIND_MS,
    private readonly config: SimConfig = DEFAULT_SIM_CONFIG,
  ) {
    this.maxRewindTicks = Math.max(1, Math.floor(maxRewindMs / tickMs));
    this.history = new LagHistory(this.maxRewindTicks + 1);
  }

  /** Call after every `step` with the new world's tick and players. */
  record(tick: number, players: readonly RecordedPlayer[]): void {
    this.history.record(tick, players);
    this.newestTick = tick;
  }

  /** Where `victimId` was at `tick`, clamped into the kept history; undefined if never seen. */
  positionAt(victimId: number, tick: number): Point | undefined {
    const t = this.recordedTick(victimId, tick);
    return t === undefined ? undefined : this.history.positionAt(t, victimId);
  }

  private stateAt(victimId: number, tick: number): ReckoningStart | undefined {
    const t = this.recordedTick(victimId, tick);
    return t === undefined ? undefined : this.history.stateAt(t, victimId);
  }

  /** The kept tick that stands for `victimId` at `tick`, clamped into the history. */
  private recordedTick(victimId: number, tick: number): number | undefined {
    if (this.newestTick === undefined) return undefined;
    const oldest = this.newestTick - this.maxRewindTicks;
    let t = Math.min(this.newestTick, Math.floor(tick));
    if (t < oldest) {
      this.stats.clamped += 1;
      t = oldest;
    }
    // Walk forward past ticks we never recorded or from before the victim joined.
    for (; t <= this.newestTick; t++) if (this.history.holds(t, victimId)) return t;
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
   *
   * Each victim's seen position is worked out once per attacker and tick: judging a victim
   * and asking whether the attacker touches anyone it saw both need it.
   */
  lookup(
    viewOf: (attackerId: number) => AttackerView | undefined,
    present: ReadonlyMap<number, Point>,
    reach: number,
  ): HitPositionLookup {
    const seenBy = new Map<number, SeenPositions>();
    const seesContact = new Map<number, boolean>();
    return (attackerId, victimId) => {
      const now = present.get(victimId);
      const attacker = present.get(attackerId);
      const view = viewOf(attackerId);
      if (view === undefined || !attacker) return now ?? OUT_OF_REACH;
      this.stats.lookups += 1;
      let seen = seenBy.get(attackerId);
      if (!seen) seenBy.set(attackerId, (seen = new Map<number, Point | undefined>()));
      const where = this.seenOnce(seen, victimId, view, attacker, now) ?? OUT_OF_REACH;
      let contact = seesContact.get(attackerId);
      if (contact === undefined) {
        contact = this.touchesAnySeen(attackerId, seen, view, present, reach);
        seesContact.set(attackerId, contact);
      }
      if (contact || !now) return where;
      return distanceSquared(attacker, now) < distanceSquared(attacker, where) ? now : where;
    };
  }

  private touchesAnySeen(
    attackerId: number,
    seen: SeenPositions,
    view: AttackerView,
    present: ReadonlyMap<number, Point>,
    reach: number,
  ): boolean {
    const attacker = present.get(attackerId)!;
    for (const [id, now] of present) {
      if (id === attackerId) continue;
      const where = this.seenOnce(seen, id, view, attacker, now);
      if (where && distanceSquared(attacker, where) < reach * reach) return true;
    }
    return false;
  }

  /** `seenPosition`, remembered in `seen` (one attacker's view this tick). */
  private seenOnce(
    seen: SeenPositions,
    victimId: number,
    view: AttackerView,
    attacker: Point,
    now: Point | undefined,
  ): Point | undefined {
    if (seen.has(victimId)) return seen.get(victimId);
    const where = this.seenPosition(victimId, view, attacker, now);
    seen.set(victimId, where);
    return where;
  }

  /** The point of the victim's drawn path over one tick of the view closest to the attacker. */
  private seenPosition(
    victimId: number,
    view: AttackerView,
    attacker: Point,
    now: Point | undefined,
  ): Point | undefined {
    if (view.aheadMs > 0) return this.seenExtrapolated(victimId, view, attacker);
    const from = this.positionAt(victimId, view.tick);
    if (!from) return undefined;
    const newest = this.newestTick ?? 0;
    // Drawing past the newest recorded tick means drawing towards this tick's positions.
    const to = Math.floor(view.tick) + 1 > newest ? now : this.positionAt(victimId, view.tick + 1);
    return to ? closestOnSegment(from, to, attacker) : from;
  }

  /** The attacker's own extrapolation, rerun from the state it started from. */
  private seenExtrapolated(victimId: number, view: AttackerView, attacker: Point) {
    const from = this.stateAt(victimId, view.tick);
    if (!from) return undefined;
    const path = reckonPath(from, this.config, EXTRAPOLATE_MAX_MS);
    const at = (ms: number) => pointOnPath(path, ms, this.tickMs, EXTRAPOLATE_MAX_MS);
    return closestOnSegment(at(view.aheadMs), at(view.aheadMs + this.tickMs), attacker);
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

/**
 * Other players are drawn a little in the past, between the two snapshots around that moment,
 * so their motion is smooth even though snapshots arrive in steps and with jitter.
 * A placeholder until shared/netcode's adaptive interpolation buffer replaces it.
 */
import type { Snapshot } from '@arena/shared/protocol';
import type { Point } from './self-prediction.js';

/** About two to three snapshot intervals at the default rates. */
export const INTERP_DELAY_MS = 100;
const MAX_BUFFERED_SNAPSHOTS = 16;
/** How quickly the server-clock estimate follows a later-arriving sample (per snapshot). */
const CLOCK_DRIFT_FOLLOW = 0.02;

interface Entry {
  serverTimeMs: number;
  positions: Map<number, Point>;
}

function lerp(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

export class SnapshotInterpolator {
  private readonly entries: Entry[] = [];
  /** Estimated `localTime - serverTime`; the earliest arrival is the least delayed one. */
  private offsetMs: number | null = null;

  push(snapshot: Snapshot, localNowMs: number): void {
    const last = this.entries.at(-1);
    if (last && snapshot.serverTimeMs <= last.serverTimeMs) return; // late or duplicate
    this.trackClock(localNowMs - snapshot.serverTimeMs);
    const positions = new Map<number, Point>();
    for (const p of snapshot.players) positions.set(p.id, { x: p.x, y: p.y });
    this.entries.push({ serverTimeMs: snapshot.serverTimeMs, positions });
    if (this.entries.length > MAX_BUFFERED_SNAPSHOTS) this.entries.shift();
  }

  /** Positions of every player at `localNowMs - INTERP_DELAY_MS` in server time. */
  sample(localNowMs: number): Map<number, Point> {
    const result = new Map<number, Point>();
    if (this.offsetMs === null || this.entries.length === 0) return result;
    const target = localNowMs - this.offsetMs - INTERP_DELAY_MS;
    const { from, to, t } = this.bracket(target);
    for (const [id, a] of from.positions) {
      const b = to.positions.get(id);
      result.set(id, b ? lerp(a, b, t) : a);
    }
    // Someone who only exists in the newer snapshot (just joined) is drawn where it says.
    for (const [id, b] of to.positions) if (!result.has(id)) result.set(id, b);
    return result;
  }

  private bracket(target: number): { from: Entry; to: Entry; t: number } {
    const first = this.entries[0]!;
    if (target <= first.serverTimeMs) return { from: first, to: first, t: 0 };
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const from = this.entries[i]!;
      if (from.serverTimeMs > target) continue;
      const to = this.entries[i + 1];
      // Past the newest snapshot: hold it rather than guess (no extrapolation yet).
      if (!to) return { from, to: from, t: 0 };
      return { from, to, t: (target - from.serverTimeMs) / (to.serverTimeMs - from.serverTimeMs) };
    }
    return { from: first, to: first, t: 0 };
  }

  private trackClock(sampleMs: number): void {
    if (this.offsetMs === null || sampleMs < this.offsetMs) this.offsetMs = sampleMs;
    else this.offsetMs += (sampleMs - this.offsetMs) * CLOCK_DRIFT_FOLLOW;
  }
}

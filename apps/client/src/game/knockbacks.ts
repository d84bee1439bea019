/**
 * How often each player was knocked back by a dash, read from snapshots. Snapshots carry no
 * events, but a knock-back is unmistakable: a player who moved no faster than walking is, one
 * snapshot later, far faster without dashing itself (a dash's own speed fades out slowly, so
 * it is told apart by the dash that came before it).
 */
import type { SnapshotPlayer } from '@arena/shared/protocol';

/** Up to this multiple of the walking speed a player counts as walking. */
const WALKING_FACTOR = 1.05;
/** From this multiple of the walking speed on, a player who is not dashing was knocked. */
const KNOCKED_FACTOR = 1.5;

interface Motion {
  speed: number;
  dashing: boolean;
}

export class Knockbacks {
  private readonly last = new Map<number, Motion>();
  private readonly counts = new Map<number, number>();

  constructor(private readonly walkingSpeed: number) {}

  observe(players: readonly SnapshotPlayer[]): void {
    const seen = new Set<number>();
    for (const p of players) {
      seen.add(p.id);
      const now = { speed: Math.hypot(p.vx, p.vy), dashing: p.dashTicks > 0 };
      const before = this.last.get(p.id);
      if (before && this.wasKnocked(before, now)) {
        this.counts.set(p.id, (this.counts.get(p.id) ?? 0) + 1);
      }
      this.last.set(p.id, now);
    }
    for (const id of this.last.keys()) if (!seen.has(id)) this.last.delete(id);
  }

  /** Knock-backs of this player seen so far in this room. */
  of(id: number): number {
    return this.counts.get(id) ?? 0;
  }

  private wasKnocked(before: Motion, now: Motion): boolean {
    const walking = !before.dashing && before.speed <= this.walkingSpeed * WALKING_FACTOR;
    return walking && !now.dashing && now.speed >= this.walkingSpeed * KNOCKED_FACTOR;
  }
}

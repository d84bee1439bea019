/**
 * Dashes started and knock-backs taken, counted per player. Snapshots carry no events, and a
 * dash lasts a fifth of a second, less than a frame on a slow device, so comparing drawn
 * frames would miss some; these are read from each snapshot instead, where both leave clear
 * marks: a dash restarts the dash cooldown, and a knock-back makes a player who was walking
 * far faster without dashing itself (a dash's own speed fades out slowly, so it is told apart
 * by the dash that came before it). Our own dashes are counted from the prediction, so they
 * are felt the moment they are pressed.
 */
import type { SnapshotPlayer } from '@arena/shared/protocol';

/** Up to this multiple of the walking speed a player counts as walking. */
const WALKING_FACTOR = 1.05;
/** From this multiple of the walking speed on, a player who is not dashing was knocked. */
const KNOCKED_FACTOR = 1.5;

interface Motion {
  speed: number;
  dashing: boolean;
  cooldown: number;
}

/** The fields of a player's state this reads (a snapshot's, or the predicted one). */
export type MotionState = Pick<SnapshotPlayer, 'vx' | 'vy' | 'dashTicks' | 'dashCooldownTicks'>;

function motionOf(p: MotionState): Motion {
  return { speed: Math.hypot(p.vx, p.vy), dashing: p.dashTicks > 0, cooldown: p.dashCooldownTicks };
}

class Counter {
  private readonly counts = new Map<number, number>();

  add(id: number): void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }

  of(id: number): number {
    return this.counts.get(id) ?? 0;
  }
}

export class MotionEvents {
  readonly dashes = new Counter();
  readonly knockbacks = new Counter();
  private readonly last = new Map<number, Motion>();
  private selfCooldown = 0;

  /**
   * `selfId`'s dashes come from `observeSelf` instead (0: none, a spectator).
   * `dashCooldownTicks`: what a dash sets the cooldown to.
   */
  constructor(
    private readonly walkingSpeed: number,
    private readonly selfId: number,
    private readonly dashCooldownTicks: number,
  ) {}

  observe(players: readonly SnapshotPlayer[]): void {
    const seen = new Set<number>();
    for (const p of players) {
      seen.add(p.id);
      const now = motionOf(p);
      const before = this.last.get(p.id);
      this.last.set(p.id, now);
      if (!before) continue;
      if (this.wasKnocked(before, now)) this.knockbacks.add(p.id);
      const started = this.restartedCooldown(before.cooldown, now.cooldown);
      if (p.id !== this.selfId && (started || (now.dashing && !before.dashing))) {
        this.dashes.add(p.id);
      }
    }
    for (const id of this.last.keys()) if (!seen.has(id)) this.last.delete(id);
  }

  /** Our predicted state, once per frame. */
  observeSelf(predicted: MotionState): void {
    if (this.restartedCooldown(this.selfCooldown, predicted.dashCooldownTicks)) {
      this.dashes.add(this.selfId);
    }
    this.selfCooldown = predicted.dashCooldownTicks;
  }

  /**
   * A dash sets the cooldown to its full length. A correction of our prediction (the server
   * started the dash a tick or two later than we guessed) moves it up by a tick or two only.
   */
  private restartedCooldown(before: number, now: number): boolean {
    return now - before > this.dashCooldownTicks / 2;
  }

  private wasKnocked(before: Motion, now: Motion): boolean {
    const walking = !before.dashing && before.speed <= this.walkingSpeed * WALKING_FACTOR;
    return walking && !now.dashing && now.speed >= this.walkingSpeed * KNOCKED_FACTOR;
  }
}

/**
 * Time as an argument: a monotonic clock and a timer, passed to whatever waits (the link
 * delayer here, the server's game loop and held seats). This package owns no clock: the host
 * passes `performance.now` and `setTimeout`, a test passes a `ManualClock`.
 */

/** Runs `run` once after `delayMs`; returns what cancels it. */
export type Schedule = (run: () => void, delayMs: number) => () => void;

export interface TimerClock {
  /** Monotonic time in ms. */
  now: () => number;
  schedule: Schedule;
}

interface PendingTimer {
  atMs: number;
  order: number;
  run: () => void;
}

/**
 * A clock that moves only when told: `advanceBy(ms)` runs every timer due by then, earliest
 * first (in the order scheduled when two are due together), with `now()` reading each timer's
 * due time while it runs, as if the time had passed for real.
 */
export class ManualClock implements TimerClock {
  private nowMs: number;
  private scheduled = 0;
  private readonly timers = new Set<PendingTimer>();

  constructor(startMs = 0) {
    this.nowMs = startMs;
  }

  readonly now = (): number => this.nowMs;

  readonly schedule: Schedule = (run, delayMs) => {
    const timer = { atMs: this.nowMs + Math.max(0, delayMs), order: this.scheduled++, run };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  };

  /** Timers waiting to fire. */
  get pending(): number {
    return this.timers.size;
  }

  advanceBy(ms: number): void {
    const targetMs = this.nowMs + ms;
    for (let next = this.nextDue(targetMs); next; next = this.nextDue(targetMs)) {
      this.timers.delete(next);
      this.nowMs = next.atMs;
      next.run();
    }
    this.nowMs = targetMs;
  }

  private nextDue(targetMs: number): PendingTimer | undefined {
    let first: PendingTimer | undefined;
    for (const timer of this.timers) {
      if (timer.atMs > targetMs) continue;
      if (
        !first ||
        timer.atMs < first.atMs ||
        (timer.atMs === first.atMs && timer.order < first.order)
      )
        first = timer;
    }
    return first;
  }
}

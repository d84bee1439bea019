/**
 * The fixed-timestep driver. Timers are late and uneven, so each wake-up adds the real elapsed
 * time to an accumulator and runs as many whole ticks as it holds (bounded, so a long pause
 * does not replay seconds of game at once). Every room ticks on the same beat. The clock and
 * the timer are passed in: the server's real ones, or a test's manual pair.
 */
import type { TimerClock } from '@arena/shared/netcode/server';

export interface GameLoopOptions {
  tickRateHz: number;
  clock: TimerClock;
  onTick: (tickTimeMs: number) => void;
  /** After a stall, at most this many ticks are caught up; the rest is dropped. */
  maxCatchUpTicks?: number;
}

export class GameLoop {
  private cancelTimer: (() => void) | null = null;
  private accumulatorMs = 0;
  private lastMs = 0;
  private readonly tickMs: number;
  private readonly maxCatchUpTicks: number;

  constructor(private readonly options: GameLoopOptions) {
    this.tickMs = 1000 / options.tickRateHz;
    this.maxCatchUpTicks = options.maxCatchUpTicks ?? 5;
  }

  start(): void {
    if (this.cancelTimer) return;
    this.lastMs = this.options.clock.now();
    this.accumulatorMs = 0;
    this.schedule();
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Runs the ticks that are due, each stamped with the time it was due at. */
  private advance(): void {
    const now = this.options.clock.now();
    this.accumulatorMs += now - this.lastMs;
    this.lastMs = now;
    const cap = this.tickMs * this.maxCatchUpTicks;
    if (this.accumulatorMs > cap) this.accumulatorMs = cap;
    while (this.accumulatorMs >= this.tickMs) {
      this.accumulatorMs -= this.tickMs;
      this.options.onTick(now - this.accumulatorMs);
    }
  }

  private schedule(): void {
    const waitMs = Math.max(1, this.tickMs - this.accumulatorMs);
    this.cancelTimer = this.options.clock.schedule(() => {
      this.advance();
      // A tick may have stopped the loop (shutdown): then it stays stopped.
      if (this.cancelTimer) this.schedule();
    }, waitMs);
  }
}

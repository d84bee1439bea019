/**
 * The fixed-timestep driver. Timers are late and uneven, so each wake-up adds the real elapsed
 * time to an accumulator and runs as many whole ticks as it holds (bounded, so a long pause
 * does not replay seconds of game at once). Every room ticks on the same beat.
 */
export interface GameLoopOptions {
  tickRateHz: number;
  /** Monotonic clock in ms. */
  now: () => number;
  onTick: (tickTimeMs: number) => void;
  /** After a stall, at most this many ticks are caught up; the rest is dropped. */
  maxCatchUpTicks?: number;
}

export class GameLoop {
  private timer: NodeJS.Timeout | null = null;
  private accumulatorMs = 0;
  private lastMs = 0;
  private readonly tickMs: number;
  private readonly maxCatchUpTicks: number;

  constructor(private readonly options: GameLoopOptions) {
    this.tickMs = 1000 / options.tickRateHz;
    this.maxCatchUpTicks = options.maxCatchUpTicks ?? 5;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer) return;
    this.lastMs = this.options.now();
    this.accumulatorMs = 0;
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs the ticks that are due; public so a test can drive it with a manual clock. */
  advance(): void {
    const now = this.options.now();
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
    this.timer = setTimeout(() => {
      this.advance();
      if (this.timer) this.schedule();
    }, waitMs);
  }
}

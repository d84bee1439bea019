/**
 * The client's simulation clock: a fixed-tick accumulator fed with each rendered frame's
 * duration. It says how many ticks are due now and how far the frame is into the next one
 * (`alpha`), so a 60, 120 or 144 Hz display draws positions between ticks instead of in
 * 30 Hz steps.
 */

/** After a long pause (a hidden tab), at most this many ticks are caught up at once. */
export const MAX_CATCH_UP_TICKS = 8;

export class FixedStepClock {
  private accumulatorMs = 0;
  /** Time thrown away because a frame came too late to catch up on every tick. */
  droppedMs = 0;

  constructor(
    readonly tickMs: number,
    private readonly maxTicksPerFrame = MAX_CATCH_UP_TICKS,
  ) {}

  /** Adds one frame's time; returns how many ticks to run before drawing it. */
  advance(frameDtMs: number): number {
    this.accumulatorMs += Math.max(0, frameDtMs);
    // A tiny epsilon so that 60 Hz frames of 16.666… ms add up to whole 30 Hz ticks.
    let ticks = Math.floor((this.accumulatorMs + 1e-9) / this.tickMs);
    if (ticks > this.maxTicksPerFrame) {
      this.droppedMs += (ticks - this.maxTicksPerFrame) * this.tickMs;
      ticks = this.maxTicksPerFrame;
      this.accumulatorMs = ticks * this.tickMs + (this.accumulatorMs % this.tickMs);
    }
    this.accumulatorMs = Math.max(0, this.accumulatorMs - ticks * this.tickMs);
    return ticks;
  }

  /** How far (0..1) the current frame is past the last tick. */
  get alpha(): number {
    return Math.min(1, this.accumulatorMs / this.tickMs);
  }
}

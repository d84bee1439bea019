/**
 * Turns variable frame times into a whole number of fixed ticks (an accumulator), so input is
 * sampled and predicted at the simulation's rate whatever the display's rate is.
 */

/** After a long stall (hidden tab, debugger) do not replay seconds of ticks in one frame. */
const MAX_TICKS_PER_ADVANCE = 8;

export class FixedTicker {
  private accumulatorMs = 0;
  readonly tickMs: number;

  constructor(tickRateHz: number) {
    this.tickMs = 1000 / tickRateHz;
  }

  /** Adds elapsed time; returns how many ticks are due now. */
  advance(deltaMs: number): number {
    this.accumulatorMs += Math.max(0, deltaMs);
    let ticks = Math.floor(this.accumulatorMs / this.tickMs);
    this.accumulatorMs -= ticks * this.tickMs;
    if (ticks > MAX_TICKS_PER_ADVANCE) ticks = MAX_TICKS_PER_ADVANCE;
    return ticks;
  }

  /** How far (0..1) the clock is into the next tick; used to blend the last two ticks. */
  get alpha(): number {
    return Math.min(1, this.accumulatorMs / this.tickMs);
  }
}

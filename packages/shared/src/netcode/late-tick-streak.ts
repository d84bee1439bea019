/**
 * Ticks in a row on which inputs arrived late and none in time: how the slots tell a link that
 * lost step (or got slower for good) from jitter, which makes an input late now and then. Many
 * late inputs in one tick (a burst after a stall) count once.
 */
export class LateTickStreak {
  private ticks = 0;
  private countedThisTick = false;

  /** A new tick: its first late input counts again. */
  newTick(): void {
    this.countedThisTick = false;
  }

  /** An input arrived late. Returns the ticks in the streak, this one included. */
  late(): number {
    if (!this.countedThisTick) {
      this.countedThisTick = true;
      this.ticks += 1;
    }
    return this.ticks;
  }

  /** An input arrived in time (or the slots started over): the streak is broken. */
  broken(): void {
    this.ticks = 0;
  }

  clear(): void {
    this.ticks = 0;
    this.countedThisTick = false;
  }
}

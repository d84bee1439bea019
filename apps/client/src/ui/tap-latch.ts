/**
 * Presses kept for a few input ticks, however short. The game reads buttons once per rendered
 * frame and sends them once per tick, so a key pressed and let go between two ticks (a quick
 * Space tap, a flick of the DASH button on a slow phone) would otherwise never be sent. It is
 * kept for more than one tick so that one input arriving too late for its tick on the server
 * (a stalled frame, a jittery link) does not lose the press either.
 */

/** Input ticks a press is sent for at least (100 ms at the default 30 Hz). */
export const MIN_PRESS_TICKS = 3;

export class TapLatch {
  /** Ticks still owed to each pressed button bit. */
  private readonly owed = new Map<number, number>();

  press(bits: number): void {
    for (let bit = 1; bit <= bits; bit <<= 1) if (bits & bit) this.owed.set(bit, MIN_PRESS_TICKS);
  }

  /** The buttons still owed ticks, held or not. */
  get pressed(): number {
    let bits = 0;
    for (const bit of this.owed.keys()) bits |= bit;
    return bits;
  }

  /** `ticks` input ticks carried `pressed` (Infinity: forget every press). */
  carried(ticks: number): void {
    for (const [bit, left] of this.owed) {
      if (left <= ticks) this.owed.delete(bit);
      else this.owed.set(bit, left - ticks);
    }
  }
}

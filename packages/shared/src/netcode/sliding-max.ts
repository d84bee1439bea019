/**
 * The largest of the last `capacity` values pushed, in constant time per value: a queue kept
 * in decreasing order, since a value with a larger one behind it can never be the largest
 * again. The clock filter asks for it on every snapshot, 30 times a second per client.
 */
export class SlidingMax {
  /** Pushed values that may still become the largest, oldest (and largest) first. */
  private readonly candidates: { index: number; value: number }[] = [];
  private head = 0;
  private pushed = 0;

  constructor(readonly capacity: number) {}

  push(value: number): void {
    const { candidates } = this;
    while (candidates.length > this.head && candidates[candidates.length - 1]!.value <= value) {
      candidates.pop();
    }
    candidates.push({ index: this.pushed, value });
    this.pushed += 1;
    if (candidates[this.head]!.index <= this.pushed - 1 - this.capacity) this.head += 1;
    // Compact now and then instead of shifting on every expiry.
    if (this.head > 64 && this.head * 2 > candidates.length) {
      candidates.splice(0, this.head);
      this.head = 0;
    }
  }

  /** -Infinity when nothing was pushed since the last clear. */
  get max(): number {
    return this.candidates.length > this.head ? this.candidates[this.head]!.value : -Infinity;
  }

  clear(): void {
    this.candidates.length = 0;
    this.head = 0;
  }
}

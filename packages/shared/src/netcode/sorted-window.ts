/**
 * Values seen in the last `windowMs`, kept sorted as well, so the smallest value and any
 * quantile are a lookup. Insertion and expiry are a binary search and a splice: cheap for the
 * few hundred values a 20 s window of snapshots holds.
 */
export class SortedWindow {
  private readonly arrivals: { atMs: number; value: number }[] = [];
  private head = 0;
  private readonly sorted: number[] = [];

  constructor(readonly windowMs: number) {}

  add(atMs: number, value: number): void {
    this.arrivals.push({ atMs, value });
    this.sorted.splice(lowerBound(this.sorted, value), 0, value);
    while (this.arrivals[this.head]!.atMs <= atMs - this.windowMs) {
      const old = this.arrivals[this.head]!.value;
      this.sorted.splice(lowerBound(this.sorted, old), 1);
      this.head += 1;
    }
    if (this.head > 256) {
      this.arrivals.splice(0, this.head);
      this.head = 0;
    }
  }

  get size(): number {
    return this.sorted.length;
  }

  get min(): number | undefined {
    return this.sorted[0];
  }

  /** The value below which a share `q` (0 … 1) of the window lies; undefined when empty. */
  quantile(q: number): number | undefined {
    if (this.sorted.length === 0) return undefined;
    const index = Math.min(
      this.sorted.length - 1,
      Math.max(0, Math.ceil(q * this.sorted.length) - 1),
    );
    return this.sorted[index];
  }
}

/** First index whose value is ≥ `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

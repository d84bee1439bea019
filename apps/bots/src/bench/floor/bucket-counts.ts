/**
 * A histogram in plain counts, read as cumulative buckets in the shape of a Prometheus
 * histogram (`server-metrics.ts` reads Arena's the same way), so the bench computes the
 * floor's quantiles exactly as it computes Arena's.
 */
import type { HistogramBucket } from '../server-metrics.js';

export class BucketCounts {
  /** Observations per bucket (not cumulative); the last counts those above every bound. */
  private readonly counts: number[];

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }

  observe(value: number): void {
    let bucket = 0;
    while (bucket < this.bounds.length && value > this.bounds[bucket]!) bucket += 1;
    this.counts[bucket]! += 1;
  }

  cumulative(): HistogramBucket[] {
    let below = 0;
    return this.counts.map((count, i) => {
      below += count;
      return { le: this.bounds[i] ?? Infinity, count: below };
    });
  }
}

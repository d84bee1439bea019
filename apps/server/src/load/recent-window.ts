/**
 * Samples of the last WINDOW_MS, kept in one-second buckets: their count, sum and maximum.
 * What overload is judged on, and what /metrics reports as "lately".
 */
export const WINDOW_MS = 5000;
const BUCKET_MS = 1000;
const BUCKETS = WINDOW_MS / BUCKET_MS;

interface Bucket {
  second: number;
  count: number;
  sum: number;
  max: number;
}

export class RecentWindow {
  private readonly buckets: Bucket[] = Array.from({ length: BUCKETS + 1 }, () => ({
    second: -1,
    count: 0,
    sum: 0,
    max: 0,
  }));

  add(nowMs: number, value: number): void {
    const second = Math.floor(nowMs / BUCKET_MS);
    const bucket = this.buckets[second % this.buckets.length]!;
    if (bucket.second !== second) Object.assign(bucket, { second, count: 0, sum: 0, max: 0 });
    bucket.count += 1;
    bucket.sum += value;
    bucket.max = Math.max(bucket.max, value);
  }

  /**
   * Count, sum and maximum of the samples of the last WINDOW_MS, in whole buckets: `spanMs` is
   * how long the buckets summed cover (between four and five seconds, up to now).
   */
  summary(nowMs: number): { count: number; sum: number; max: number; spanMs: number } {
    const oldest = Math.floor((nowMs - WINDOW_MS) / BUCKET_MS);
    let count = 0;
    let sum = 0;
    let max = 0;
    for (const bucket of this.buckets) {
      if (bucket.second <= oldest) continue;
      count += bucket.count;
      sum += bucket.sum;
      max = Math.max(max, bucket.max);
    }
    return { count, sum, max, spanMs: nowMs - (oldest + 1) * BUCKET_MS };
  }
}

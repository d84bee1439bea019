/**
 * A latency histogram as plain data: fixed-width buckets, so any number of samples costs the
 * same memory, percentiles are exact to a bucket's width, and histograms from worker threads
 * or other processes add up exactly (a sampled list would not). Plain arrays, so it crosses
 * `postMessage` and JSON unchanged.
 */

/** Bucket width: percentiles are exact to this. */
export const HISTOGRAM_BUCKET_MS = 0.5;
/** Samples at or above this land in `overflow` (their exact maximum is still kept). */
export const HISTOGRAM_RANGE_MS = 2000;
const BUCKETS = HISTOGRAM_RANGE_MS / HISTOGRAM_BUCKET_MS;

export interface Histogram {
  /** Samples per bucket: bucket i holds [i, i + 1) × HISTOGRAM_BUCKET_MS. */
  counts: number[];
  overflow: number;
  total: number;
  maxMs: number;
}

export function emptyHistogram(): Histogram {
  return { counts: new Array<number>(BUCKETS).fill(0), overflow: 0, total: 0, maxMs: 0 };
}

export function recordInto(histogram: Histogram, ms: number): void {
  if (!Number.isFinite(ms)) return;
  const value = Math.max(0, ms);
  const bucket = Math.floor(value / HISTOGRAM_BUCKET_MS);
  if (bucket < BUCKETS) histogram.counts[bucket]! += 1;
  else histogram.overflow += 1;
  histogram.total += 1;
  histogram.maxMs = Math.max(histogram.maxMs, value);
}

export function mergeHistogramInto(into: Histogram, from: Histogram): Histogram {
  for (let i = 0; i < BUCKETS; i++) into.counts[i]! += from.counts[i] ?? 0;
  into.overflow += from.overflow;
  into.total += from.total;
  into.maxMs = Math.max(into.maxMs, from.maxMs);
  return into;
}

/**
 * Nearest-rank `q`-quantile (0.99 is p99), as the middle of its bucket (never above the largest
 * sample); past the range, the largest sample. Null without samples.
 */
export function histogramPercentile(histogram: Histogram, q: number): number | null {
  if (histogram.total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * histogram.total));
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    seen += histogram.counts[i]!;
    if (seen >= rank) return Math.min((i + 0.5) * HISTOGRAM_BUCKET_MS, histogram.maxMs);
  }
  return histogram.maxMs;
}

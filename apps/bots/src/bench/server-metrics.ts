/** Reads the few numbers a benchmark needs from the server's Prometheus text at /metrics. */

/** One bucket of a Prometheus histogram: how many observations were at most `le`. */
export interface HistogramBucket {
  le: number;
  count: number;
}

export interface ServerSample {
  atMs: number;
  cpuSeconds: number;
  snapshotBytesOut: number;
  players: number;
  rooms: number;
  /** `arena_tick_duration_seconds`, cumulative since the server started. */
  tickBuckets: HistogramBucket[];
  /** `arena_input_wait_seconds`: each input's wait at the server, from arrival to its tick. */
  inputWaitBuckets: HistogramBucket[];
  rssBytes: number;
  inputsDropped: number;
  /**
   * prom-client's event-loop delay p99 since the previous scrape, as it reports it: the
   * 10 ms interval of its timer included.
   */
  eventLoopDelayP99Seconds: number;
}

function value(text: string, name: string): number {
  const match = new RegExp(`^${name} ([0-9.eE+-]+)$`, 'm').exec(text);
  if (!match) throw new Error(`/metrics has no ${name}`);
  return Number(match[1]);
}

function histogram(text: string, name: string): HistogramBucket[] {
  const rows = [...text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\S+)$`, 'gm'))];
  if (rows.length === 0) throw new Error(`/metrics has no ${name} histogram`);
  return rows.map(([, le, count]) => ({
    le: le === '+Inf' ? Infinity : Number(le),
    count: Number(count),
  }));
}

/** The observations that landed between two samples of the same histogram. */
export function bucketsBetween(
  before: readonly HistogramBucket[],
  after: readonly HistogramBucket[],
): HistogramBucket[] {
  return after.map((bucket, i) => ({
    le: bucket.le,
    count: bucket.count - (before[i]?.count ?? 0),
  }));
}

/**
 * The q-quantile of a histogram, as Prometheus' `histogram_quantile` estimates it: linear
 * within the bucket it falls in, and the highest finite bound if it falls past all of them.
 * Null without observations.
 */
export function histogramQuantile(buckets: readonly HistogramBucket[], q: number): number | null {
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lower = { le: 0, count: 0 };
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      if (!Number.isFinite(bucket.le)) return lower.le;
      const inBucket = bucket.count - lower.count;
      const fraction = inBucket === 0 ? 1 : (rank - lower.count) / inBucket;
      return lower.le + (bucket.le - lower.le) * fraction;
    }
    lower = bucket;
  }
  return lower.le;
}

export async function sampleServer(url: string): Promise<ServerSample> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return {
    atMs: performance.now(),
    cpuSeconds: value(text, 'process_cpu_seconds_total'),
    snapshotBytesOut: value(text, 'arena_snapshot_sent_bytes_total'),
    players: value(text, 'arena_players'),
    rooms: value(text, 'arena_rooms'),
    tickBuckets: histogram(text, 'arena_tick_duration_seconds'),
    inputWaitBuckets: histogram(text, 'arena_input_wait_seconds'),
    rssBytes: value(text, 'process_resident_memory_bytes'),
    inputsDropped: value(text, 'arena_inputs_dropped_total'),
    eventLoopDelayP99Seconds: value(text, 'nodejs_eventloop_lag_p99_seconds'),
  };
}

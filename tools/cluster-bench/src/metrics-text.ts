/**
 * The numbers the cluster benchmark reads from each server process's `/metrics` (Prometheus
 * text): CPU seconds, players, and the cluster's forwarded-input latency histogram.
 */
import type { HistogramBucket } from '@arena/bots/server-metrics';

export interface ProcessSample {
  atMs: number;
  cpuSeconds: number;
  players: number;
  rooms: number;
  /** Empty for a process without Redis, which forwards nothing. */
  forwardBuckets: HistogramBucket[];
}

const FORWARD_LATENCY = 'arena_cluster_forwarded_input_latency_seconds';

function value(text: string, name: string): number {
  const match = new RegExp(`^${name} ([0-9.eE+-]+)$`, 'm').exec(text);
  if (!match) throw new Error(`/metrics has no ${name}`);
  return Number(match[1]);
}

function buckets(text: string, name: string): HistogramBucket[] {
  const rows = text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\S+)$`, 'gm'));
  return [...rows].map(([, le, count]) => ({
    le: le === '+Inf' ? Infinity : Number(le),
    count: Number(count),
  }));
}

/** One sample of every process, all stamped with the same time. */
export async function sampleProcesses(urls: readonly string[]): Promise<ProcessSample[]> {
  const atMs = performance.now();
  return Promise.all(
    urls.map(async (url) => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return {
        atMs,
        cpuSeconds: value(text, 'process_cpu_seconds_total'),
        players: value(text, 'arena_players'),
        rooms: value(text, 'arena_rooms'),
        forwardBuckets: buckets(text, FORWARD_LATENCY),
      };
    }),
  );
}

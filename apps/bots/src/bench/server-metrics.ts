/** Reads the few numbers a benchmark needs from the server's Prometheus text at /metrics. */
export interface ServerSample {
  atMs: number;
  cpuSeconds: number;
  snapshotBytesOut: number;
  players: number;
  rooms: number;
  tickP50Ms: number;
  tickP99Ms: number;
  rssBytes: number;
  inputsDropped: number;
}

function value(text: string, name: string): number {
  const escaped = name.replace(/[{}"=.]/g, (c) => `\\${c}`);
  const match = new RegExp(`^${escaped} ([0-9.eE+-]+)$`, 'm').exec(text);
  if (!match) throw new Error(`/metrics has no ${name}`);
  return Number(match[1]);
}

export async function sampleServer(url: string): Promise<ServerSample> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return {
    atMs: performance.now(),
    cpuSeconds: value(text, 'process_cpu_seconds_total'),
    snapshotBytesOut: value(text, 'arena_snapshot_bytes_out_total'),
    players: value(text, 'arena_players'),
    rooms: value(text, 'arena_rooms'),
    tickP50Ms: value(text, 'arena_tick_duration_recent_ms{quantile="0.5"}'),
    tickP99Ms: value(text, 'arena_tick_duration_recent_ms{quantile="0.99"}'),
    rssBytes: value(text, 'process_resident_memory_bytes'),
    inputsDropped: value(text, 'arena_inputs_dropped_total'),
  };
}

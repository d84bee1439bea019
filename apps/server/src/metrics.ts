/**
 * The server's counters, rendered in Prometheus' text format at /metrics. Hand-rolled on
 * purpose: a dozen numbers do not need a client library.
 */
const TICK_BUCKETS_MS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50];
/** Recent tick durations kept for exact quantiles (the histogram's buckets are coarse). */
const RECENT_TICKS = 2048;

export class Metrics {
  connections = 0;
  snapshotBytesOut = 0;
  snapshotsSent = 0;
  inputsApplied = 0;
  inputsDropped = 0;
  roomFailures = 0;
  readonly errorsSent = new Map<string, number>();
  readonly rejectedConnections = new Map<string, number>();
  private readonly tickBuckets = TICK_BUCKETS_MS.map(() => 0);
  private tickCount = 0;
  private tickSumMs = 0;
  private readonly recentTicksMs: number[] = [];

  observeTick(durationMs: number): void {
    this.tickCount += 1;
    this.tickSumMs += durationMs;
    if (this.recentTicksMs.length < RECENT_TICKS) this.recentTicksMs.push(durationMs);
    else this.recentTicksMs[this.tickCount % RECENT_TICKS] = durationMs;
    TICK_BUCKETS_MS.forEach((bound, i) => {
      if (durationMs <= bound) this.tickBuckets[i]! += 1;
    });
  }

  countError(code: string): void {
    this.errorsSent.set(code, (this.errorsSent.get(code) ?? 0) + 1);
  }

  countRejectedConnection(reason: string): void {
    this.rejectedConnections.set(reason, (this.rejectedConnections.get(reason) ?? 0) + 1);
  }

  /** Prometheus exposition; gauges that live elsewhere are passed in. */
  render(gauges: { rooms: number; players: number; spectators: number }): string {
    const lines = [
      gauge('arena_rooms', 'Rooms running', gauges.rooms),
      gauge('arena_players', 'Seated players (connected or in their grace period)', gauges.players),
      gauge('arena_spectators', 'Spectators watching', gauges.spectators),
      gauge('arena_connections', 'Open socket.io connections', this.connections),
      counter(
        'arena_snapshot_bytes_out_total',
        'Snapshot bytes sent, counted per recipient',
        this.snapshotBytesOut,
      ),
      counter(
        'arena_snapshots_sent_total',
        'Snapshot frames broadcast (one per room per interval)',
        this.snapshotsSent,
      ),
      counter('arena_inputs_applied_total', 'Inputs applied by room ticks', this.inputsApplied),
      counter(
        'arena_inputs_dropped_total',
        'Inputs refused as stale or dropped from a full backlog',
        this.inputsDropped,
      ),
      counter('arena_room_failures_total', 'Exceptions caught in room ticks', this.roomFailures),
      labelled(
        'arena_errors_sent_total',
        'Errors sent to clients, by code',
        'code',
        this.errorsSent,
      ),
      labelled(
        'arena_connections_rejected_total',
        'Connections refused, by reason',
        'reason',
        this.rejectedConnections,
      ),
      '# HELP arena_tick_duration_ms Duration of one room tick',
      '# TYPE arena_tick_duration_ms histogram',
      ...TICK_BUCKETS_MS.map(
        (b, i) => `arena_tick_duration_ms_bucket{le="${b}"} ${this.tickBuckets[i]}`,
      ),
      `arena_tick_duration_ms_bucket{le="+Inf"} ${this.tickCount}`,
      `arena_tick_duration_ms_sum ${this.tickSumMs}`,
      `arena_tick_duration_ms_count ${this.tickCount}`,
      '# HELP arena_tick_duration_recent_ms Quantiles of the last ticks (up to 2048)',
      '# TYPE arena_tick_duration_recent_ms summary',
      ...[0.5, 0.99].map(
        (q) => `arena_tick_duration_recent_ms{quantile="${q}"} ${quantile(this.recentTicksMs, q)}`,
      ),
      ...processLines(),
    ];
    return lines.join('\n') + '\n';
  }
}

function gauge(name: string, help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${value}`;
}

function counter(name: string, help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} counter\n${name} ${value}`;
}

function labelled(name: string, help: string, label: string, values: Map<string, number>): string {
  const rows = [...values].map(([key, value]) => `${name}{${label}="${key}"} ${value}`);
  return [`# HELP ${name} ${help}`, `# TYPE ${name} counter`, ...rows].join('\n');
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The standard process metrics: what a benchmark needs to compute CPU per player. */
function processLines(): string[] {
  const cpu = process.cpuUsage();
  return [
    counter(
      'process_cpu_seconds_total',
      'User and system CPU time spent',
      (cpu.user + cpu.system) / 1e6,
    ),
    gauge('process_resident_memory_bytes', 'Resident memory size', process.memoryUsage.rss()),
  ];
}

/**
 * The server's numbers at /metrics, in Prometheus' text format through prom-client, named the
 * Prometheus way (base units in the name: `_seconds`, `_bytes_total`).
 *
 * Each built app has its own registry (tests build several apps in one process); the process and
 * Node metrics (CPU, memory, event-loop lag, GC) describe the whole process and are collected
 * once per process. Hot paths bump plain fields (one addition per input, no label lookup); the
 * registry reads them when scraped.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { LoadReport } from './load/load-watch.js';
import { CountedHistogram } from './counted-histogram.js';

/**
 * Most ticks take well under a millisecond; the upper buckets show a room nearing its budget
 * (33 ms at the default 30 Hz), where it starts to fall behind.
 */
const TICK_BUCKETS_SECONDS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.035, 0.05, 0.1,
];

/**
 * Bounds (seconds) of the input-wait histogram: fine around the default input buffer (67 ms)
 * and one tick (33 ms) beyond it, where a quantile should be read to a few milliseconds.
 */
const INPUT_WAIT_BUCKETS_SECONDS = [
  0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.055, 0.06, 0.065, 0.07, 0.075,
  0.08, 0.085, 0.09, 0.095, 0.1, 0.11, 0.12, 0.13, 0.14, 0.15, 0.175, 0.2, 0.25, 0.3, 0.4, 0.5, 1,
  2,
];

/** Gauges that live elsewhere (the room registry, the connection counts), passed in at each scrape. */
export interface ServerGauges {
  rooms: number;
  players: number;
  spectators: number;
  /** socket.io connections counted by the handshake's ledger. */
  connections: number;
  /** engine.io connections beneath them, joined or not. */
  transportConnections: number;
  /** Connections to the echo endpoint. */
  echoConnections: number;
  /** Event-loop lateness and ticks achieved, over the last five seconds. */
  load: LoadReport;
  /** Time the event loop has spent stalled since start, in ms. */
  stalledMs: number;
}

const NO_GAUGES: ServerGauges = {
  rooms: 0,
  players: 0,
  spectators: 0,
  connections: 0,
  transportConnections: 0,
  echoConnections: 0,
  load: { tickRateHz: 0, meanLagMs: 0, maxLagMs: 0, overloaded: false },
  stalledMs: 0,
};

/**
 * Gauges that prom-client names like counters, which `promtool check metrics` rejects; the
 * per-type gauges they add up (`nodejs_active_handles{type=…}` and so on) stay.
 */
const GAUGES_NAMED_LIKE_COUNTERS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

let processRegistry: Registry | undefined;

/** prom-client's default metrics start an event-loop monitor and a GC observer that never stop. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
    for (const name of GAUGES_NAMED_LIKE_COUNTERS) processRegistry.removeSingleMetric(name);
  }
  return processRegistry;
}

export class Metrics {
  snapshotBytesOut = 0;
  snapshotsSent = 0;
  /** Snapshots not sent to a member whose connection was behind (a slow reader). */
  snapshotsSkipped = 0;
  /** Connections paused (not read for a while) for overdrawing their packet budget. */
  connectionsPaused = 0;
  snapshotKeyframesSent = 0;
  inputsApplied = 0;
  inputsDropped = 0;
  inputReanchors = 0;
  inputHolds = 0;
  roomFailures = 0;
  readonly errorsSent = new Map<string, number>();
  readonly rejectedConnections = new Map<string, number>();
  readonly droppedConnections = new Map<string, number>();
  /** This app's metrics; a cluster adds its own to it (cluster/cluster-metrics.ts). */
  readonly registry = new Registry();
  private readonly tickDuration: CountedHistogram;
  private readonly inputWait: CountedHistogram;
  private gauges: ServerGauges = NO_GAUGES;

  constructor() {
    // Started with the first app, so event-loop lag and GC are measured from the start.
    processMetrics();
    const gauges = () => this.gauges;
    this.gauge('arena_rooms', 'Rooms running', () => gauges().rooms);
    this.gauge(
      'arena_players',
      'Seated players (connected or in their grace period)',
      () => gauges().players,
    );
    this.gauge('arena_spectators', 'Spectators watching', () => gauges().spectators);
    this.gauge('arena_connections', 'Open socket.io connections', () => gauges().connections);
    this.gauge(
      'arena_transport_connections',
      'Open engine.io connections beneath socket.io, joined or not',
      () => gauges().transportConnections,
    );
    this.gauge(
      'arena_echo_connections',
      'Open connections to the plain WebSocket echo',
      () => gauges().echoConnections,
    );
    this.loadMetrics(gauges);
    this.counter(
      'arena_snapshot_sent_bytes_total',
      'Snapshot bytes sent (deltas and keyframes), counted per recipient',
      () => this.snapshotBytesOut,
    );
    this.counter(
      'arena_snapshots_sent_total',
      'Snapshots encoded (one per room per interval)',
      () => this.snapshotsSent,
    );
    this.counter(
      'arena_snapshots_skipped_total',
      'Snapshots not sent to a member whose connection was behind (a slow reader)',
      () => this.snapshotsSkipped,
    );
    this.counter(
      'arena_connections_paused_total',
      'Connections not read for a while for overdrawing their packet budget',
      () => this.connectionsPaused,
    );
    this.counter(
      'arena_snapshot_keyframes_sent_total',
      'Whole-state snapshots sent to members that held no base for the delta (joins, resumes, skips)',
      () => this.snapshotKeyframesSent,
    );
    this.counter(
      'arena_inputs_applied_total',
      'Inputs applied by room ticks',
      () => this.inputsApplied,
    );
    this.counter(
      'arena_inputs_dropped_total',
      'Inputs refused as stale or dropped from a full backlog',
      () => this.inputsDropped,
    );
    this.counter(
      'arena_input_reanchors_total',
      'Players whose inputs kept arriving too late, their input slots moved back to be heard again',
      () => this.inputReanchors,
    );
    this.counter(
      'arena_input_holds_total',
      "Times a player's input slots waited a tick or more because its inputs arrived a few slots late",
      () => this.inputHolds,
    );
    this.counter(
      'arena_room_failures_total',
      'Exceptions caught in room ticks',
      () => this.roomFailures,
    );
    this.labelledCounter(
      'arena_errors_sent_total',
      'Errors sent to clients',
      'code',
      this.errorsSent,
    );
    this.labelledCounter(
      'arena_connections_rejected_total',
      'Connections refused',
      'reason',
      this.rejectedConnections,
    );
    this.labelledCounter(
      'arena_connections_dropped_total',
      'Connections the server closed for what they did (flooding, not reading)',
      'reason',
      this.droppedConnections,
    );
    this.tickDuration = new CountedHistogram(
      'arena_tick_duration_seconds',
      'Duration of one room tick',
      TICK_BUCKETS_SECONDS,
      this.registry,
    );
    this.inputWait = new CountedHistogram(
      'arena_input_wait_seconds',
      'How long each input that ran had waited at the server, from its arrival to the tick that ran it (the input buffer and the wait for the tick)',
      INPUT_WAIT_BUCKETS_SECONDS,
      this.registry,
    );
  }

  observeTick(durationMs: number): void {
    this.tickDuration.record(durationMs / 1000);
  }

  observeInputWait(waitedMs: number): void {
    this.inputWait.record(waitedMs / 1000);
  }

  countError(code: string): void {
    this.errorsSent.set(code, (this.errorsSent.get(code) ?? 0) + 1);
  }

  countDroppedConnection(reason: string): void {
    this.droppedConnections.set(reason, (this.droppedConnections.get(reason) ?? 0) + 1);
  }

  countRejectedConnection(reason: string): void {
    this.rejectedConnections.set(reason, (this.rejectedConnections.get(reason) ?? 0) + 1);
  }

  /** The Content-Type of `render`'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Prometheus exposition: this process's metrics, then this app's. */
  async render(gauges: ServerGauges): Promise<string> {
    // Every collect callback runs synchronously at the start of `metrics()`, so concurrent
    // scrapes cannot mix their gauges.
    this.gauges = gauges;
    const [process, app] = await Promise.all([processMetrics().metrics(), this.registry.metrics()]);
    return process + app;
  }

  private loadMetrics(gauges: () => ServerGauges): void {
    const load = () => gauges().load;
    this.gauge(
      'arena_achieved_tick_rate_hertz',
      'Game-loop ticks run per second over the last 5 s',
      () => load().tickRateHz,
    );
    this.gauge(
      'arena_event_loop_lag_seconds',
      'Mean lateness of the event loop over the last 5 s',
      () => load().meanLagMs / 1000,
    );
    this.gauge(
      'arena_event_loop_lag_max_seconds',
      'Worst lateness of the event loop over the last 5 s',
      () => load().maxLagMs / 1000,
    );
    this.counter(
      'arena_event_loop_stalled_seconds_total',
      'Time the event loop was stalled (late by more than 50 ms)',
      () => gauges().stalledMs / 1000,
    );
    this.gauge(
      'arena_overloaded',
      '1 while the server is overloaded and /readyz answers 503',
      () => (load().overloaded ? 1 : 0),
    );
  }

  private gauge(name: string, help: string, read: () => number): void {
    registerGauge(this.registry, name, help, read);
  }

  private counter(name: string, help: string, read: () => number): void {
    registerCounter(this.registry, name, help, read);
  }

  private labelledCounter(
    name: string,
    help: string,
    label: string,
    totals: ReadonlyMap<string, number>,
  ): void {
    registerLabelledCounter(this.registry, name, help, label, totals);
  }
}

/** A gauge whose value lives elsewhere and is read when scraped. */
export function registerGauge(
  registry: Registry,
  name: string,
  help: string,
  read: () => number,
): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/** A counter whose running total is kept elsewhere and copied in when scraped. */
export function registerCounter(
  registry: Registry,
  name: string,
  help: string,
  read: () => number,
): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** A counter per value of one label, its totals kept in a map elsewhere. */
export function registerLabelledCounter(
  registry: Registry,
  name: string,
  help: string,
  label: string,
  totals: ReadonlyMap<string, number>,
): void {
  new Counter({
    name,
    help: `${help}, by ${label}`,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      for (const [value, total] of totals) this.inc({ [label]: value }, total);
    },
  });
}

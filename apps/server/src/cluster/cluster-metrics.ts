/**
 * A cluster's numbers at /metrics, beside the server's own (metrics.ts), named the same way:
 * who runs what (leases, takeovers), what saving rooms costs (checkpoints), and what a member
 * connected to another process than its room's pays (forwarded events and their latency).
 */
import { Histogram, type Registry } from 'prom-client';
import { registerCounter, registerGauge, registerLabelledCounter } from '../metrics.js';

/**
 * Forwarding is one Redis hop each way on a LAN: tenths of a millisecond to a few. The buckets
 * go on to a second, since on an overloaded machine an input waits that long for an event loop.
 */
const LATENCY_BUCKETS_SECONDS = [
  0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1,
];
const DURATION_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];
const SIZE_BUCKETS_BYTES = [1024, 2048, 4096, 8192, 16_384, 32_768, 65_536, 131_072];

/** Why a room came to this process: its owner died, left it, or nobody ran it at all. */
export type TakeoverCause = 'expired' | 'released' | 'orphaned';

export class ClusterMetrics {
  redisUp = false;
  leasesLost = 0;
  checkpointsFenced = 0;
  snapshotsRelayed = 0;
  snapshotBytesRelayed = 0;
  inputsDroppedInTransit = 0;
  readonly forwarded = new Map<string, number>();
  readonly takeovers = new Map<TakeoverCause, number>();
  readonly checkpointDuration: Histogram;
  readonly checkpointSize: Histogram;
  readonly forwardLatency: Histogram;

  /** `leasesHeld` is read at each scrape: a room won a moment ago already counts. */
  constructor(registry: Registry, leasesHeld: () => number) {
    const gauge = registerGauge.bind(null, registry);
    const counter = registerCounter.bind(null, registry);
    gauge('arena_cluster_leases_held', 'Room leases this process holds', leasesHeld);
    gauge('arena_cluster_redis_up', '1 while this process reaches Redis', () =>
      this.redisUp ? 1 : 0,
    );
    counter(
      'arena_cluster_leases_lost_total',
      'Leases found taken by another process (this one was too slow to renew)',
      () => this.leasesLost,
    );
    counter(
      'arena_cluster_checkpoints_fenced_total',
      'Checkpoints refused because a newer owner holds the room',
      () => this.checkpointsFenced,
    );
    counter(
      'arena_cluster_snapshots_relayed_total',
      'Snapshots published to the other processes with members in the room',
      () => this.snapshotsRelayed,
    );
    counter(
      'arena_cluster_snapshot_relayed_bytes_total',
      'Snapshot bytes published to other processes (once per room, not per member)',
      () => this.snapshotBytesRelayed,
    );
    counter(
      'arena_cluster_inputs_dropped_in_transit_total',
      'Forwarded inputs that found no owner, or no seat at the owner',
      () => this.inputsDroppedInTransit,
    );
    registerLabelledCounter(
      registry,
      'arena_cluster_forwarded_total',
      "Member events sent to the process running the member's room",
      'kind',
      this.forwarded,
    );
    registerLabelledCounter(
      registry,
      'arena_cluster_takeovers_total',
      'Rooms this process took over',
      'cause',
      this.takeovers,
    );
    this.checkpointDuration = new Histogram({
      name: 'arena_cluster_checkpoint_duration_seconds',
      help: 'Time to save one room to Redis (encode and write)',
      buckets: DURATION_BUCKETS_SECONDS,
      registers: [registry],
    });
    this.checkpointSize = new Histogram({
      name: 'arena_cluster_checkpoint_size_bytes',
      help: 'Size of one room checkpoint',
      buckets: SIZE_BUCKETS_BYTES,
      registers: [registry],
    });
    this.forwardLatency = new Histogram({
      name: 'arena_cluster_forwarded_input_latency_seconds',
      help: 'From an input reaching its process to the room owner receiving it (wall clocks)',
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: [registry],
    });
  }

  countForwarded(kind: string): void {
    this.forwarded.set(kind, (this.forwarded.get(kind) ?? 0) + 1);
  }

  countTakeover(cause: TakeoverCause): void {
    this.takeovers.set(cause, (this.takeovers.get(cause) ?? 0) + 1);
  }
}

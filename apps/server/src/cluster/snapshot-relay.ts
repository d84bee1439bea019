/**
 * A room's snapshots between the processes of a cluster: the one path that carries almost all
 * of a room's traffic, kept in this one file. The room's owner publishes each snapshot once
 * (one Redis PUBLISH per room per snapshot interval, only while members of the room are
 * connected to other processes) on the room's channel; a process subscribes to that channel
 * while any socket of its own is in the room, and hands each snapshot to its members with
 * `deliverSnapshotLocally`, exactly as the owner does for its own. Snapshots never pass
 * through socket.io's adapter: its Redis stream would store every one of them for
 * connection-state recovery, which has no use for an old snapshot.
 */
import type { Metrics } from '../metrics.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import {
  channelOf,
  deliverSnapshotLocally,
  type SnapshotRelay as SnapshotRelayPort,
} from '../socket/socket-room-channel.js';
import type { ArenaServer } from '../socket/types.js';
import type { ClusterMetrics } from './cluster-metrics.js';
import type { ClusterKeys } from './keys.js';
import type { RedisLink } from './redis-link.js';

const ROOM_CHANNEL = channelOf('');

export class SnapshotRelay implements SnapshotRelayPort {
  /** Rooms with sockets of this process in them: their snapshot channels are subscribed. */
  private readonly wanted = new Set<string>();
  private readonly subscribed = new Set<string>();

  constructor(
    private readonly redis: RedisLink,
    private readonly keys: ClusterKeys,
    private readonly metrics: ClusterMetrics,
  ) {}

  publish(roomCode: string, bytes: Uint8Array): void {
    const payload = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.redis.command.publish(this.keys.snapshots(roomCode), payload).catch(() => undefined);
    this.metrics.snapshotsRelayed += 1;
    this.metrics.snapshotBytesRelayed += bytes.byteLength;
  }

  /** Follows which rooms have sockets of this process, and delivers their snapshots. */
  attach(io: ArenaServer, registry: RoomRegistry, metrics: Metrics, maxUnsentBytes: number): void {
    const adapter = io.of('/').adapter;
    const deliver = (bytes: Buffer, channel: Buffer) => {
      const code = channel.toString().slice(this.keys.snapshots('').length);
      // The owner has delivered to its own sockets already.
      if (!registry.get(code)) deliverSnapshotLocally(io, code, bytes, metrics, maxUnsentBytes);
    };
    this.deliver = deliver;
    adapter.on('create-room', (name: string) => {
      if (!name.startsWith(ROOM_CHANNEL)) return;
      this.wanted.add(name.slice(ROOM_CHANNEL.length));
      this.reconcile();
    });
    adapter.on('delete-room', (name: string) => {
      if (!name.startsWith(ROOM_CHANNEL)) return;
      this.wanted.delete(name.slice(ROOM_CHANNEL.length));
      this.reconcile();
    });
  }

  /** Makes the subscriptions match the rooms wanted; again after Redis comes back. */
  reconcile(): void {
    const deliver = this.deliver;
    if (!deliver || !this.redis.up) return;
    const { listener } = this.redis;
    for (const code of this.wanted) {
      if (this.subscribed.has(code)) continue;
      this.subscribed.add(code);
      listener.subscribe(this.keys.snapshots(code), deliver, true).catch(() => {
        this.subscribed.delete(code);
      });
    }
    for (const code of this.subscribed) {
      if (this.wanted.has(code)) continue;
      this.subscribed.delete(code);
      listener.unsubscribe(this.keys.snapshots(code)).catch(() => undefined);
    }
  }

  private deliver: ((bytes: Buffer, channel: Buffer) => void) | null = null;
}

/**
 * A room's snapshots between the processes of a cluster: the one path that carries almost all
 * of a room's traffic, kept in this one file. The room's owner publishes each snapshot once
 * (one Redis PUBLISH per room per snapshot interval, only while members of the room are
 * connected to other processes) on the room's channel; a process subscribes to that channel
 * while any socket of its own is in the room, and hands each snapshot to its members with its
 * `SnapshotFanout`, exactly as the owner does for its own. Snapshots never pass through
 * socket.io's adapter: its Redis stream would store every one of them for connection-state
 * recovery, which has no use for an old snapshot.
 *
 * A snapshot is a delta against the one before, and which member holds which base is known
 * only where the member is connected: a member here that just came in, resumed, recovered,
 * asked with `state:resync` or was skipped as a slow reader needs the whole state, and the
 * owner cannot know it. So each relayed snapshot carries both: the delta and the keyframe
 * (about the size of two deltas in a busy room, once per room per interval on Redis), and each
 * process writes to each of its members the one that member can read.
 */
import type { EncodedSnapshot } from '@arena/shared/protocol';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SnapshotFanout } from '../socket/snapshot-fanout.js';
import {
  channelOf,
  type SnapshotRelay as SnapshotRelayPort,
} from '../socket/socket-room-channel.js';
import type { ArenaServer } from '../socket/types.js';
import type { ClusterMetrics } from './cluster-metrics.js';
import type { ClusterKeys } from './keys.js';
import type { RedisLink } from './redis-link.js';

const ROOM_CHANNEL = channelOf('');
/** A relayed snapshot's header: its tick, its delta's base tick, its delta's length (u32 each). */
const HEADER_BYTES = 12;
/** The base tick of a snapshot that has none (the first of its room's stream). */
const NO_BASE = 0xffffffff;

/** One snapshot as the owner publishes it: header, delta (if any), keyframe. */
export function encodeRelayedSnapshot(snapshot: EncodedSnapshot): Buffer {
  const delta = snapshot.delta ?? new Uint8Array(0);
  const keyframe = snapshot.keyframe();
  const message = Buffer.allocUnsafe(HEADER_BYTES + delta.byteLength + keyframe.byteLength);
  message.writeUInt32BE(snapshot.tick, 0);
  message.writeUInt32BE(snapshot.baseTick ?? NO_BASE, 4);
  message.writeUInt32BE(snapshot.delta ? delta.byteLength : 0, 8);
  message.set(delta, HEADER_BYTES);
  message.set(keyframe, HEADER_BYTES + delta.byteLength);
  return message;
}

/** The owner's message back into a snapshot; undefined if it is not one. */
export function decodeRelayedSnapshot(message: Buffer): EncodedSnapshot | undefined {
  if (message.byteLength < HEADER_BYTES) return undefined;
  const base = message.readUInt32BE(4);
  const deltaLength = message.readUInt32BE(8);
  if (HEADER_BYTES + deltaLength >= message.byteLength) return undefined;
  const keyframe = message.subarray(HEADER_BYTES + deltaLength);
  return {
    tick: message.readUInt32BE(0),
    baseTick: base === NO_BASE ? undefined : base,
    delta:
      base === NO_BASE ? undefined : message.subarray(HEADER_BYTES, HEADER_BYTES + deltaLength),
    keyframe: () => keyframe,
  };
}

export class SnapshotRelay implements SnapshotRelayPort {
  /** Rooms with sockets of this process in them: their snapshot channels are subscribed. */
  private readonly wanted = new Set<string>();
  private readonly subscribed = new Set<string>();

  constructor(
    private readonly redis: RedisLink,
    private readonly keys: ClusterKeys,
    private readonly metrics: ClusterMetrics,
  ) {}

  publish(roomCode: string, snapshot: EncodedSnapshot): void {
    const message = encodeRelayedSnapshot(snapshot);
    this.redis.command.publish(this.keys.snapshots(roomCode), message).catch(() => undefined);
    this.metrics.snapshotsRelayed += 1;
    this.metrics.snapshotBytesRelayed += message.byteLength;
  }

  /** Follows which rooms have sockets of this process, and delivers their snapshots. */
  attach(io: ArenaServer, registry: RoomRegistry, fanout: SnapshotFanout): void {
    const adapter = io.of('/').adapter;
    const deliver = (message: Buffer, channel: Buffer) => {
      const code = channel.toString().slice(this.keys.snapshots('').length);
      const snapshot = decodeRelayedSnapshot(message);
      // The owner has delivered to its own sockets already.
      if (snapshot && !registry.get(code)) fanout.deliver(channelOf(code), snapshot);
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

/**
 * A room's channel on socket.io: the socket.io room `room:<code>`. Members are addressed by
 * socket id through the server (`io.in(id)`), not through a socket object, so an adapter that
 * spans processes (a cluster's) reaches members connected elsewhere with the same calls.
 */
import type { ServerPayload } from '@arena/shared/protocol';
import type { Metrics } from '../metrics.js';
import type { MemberId, RoomChannel, RoomChannels, RoomEventName } from '../rooms/room-channel.js';
import { membersBehind } from './members-behind.js';
import type { ArenaServer, ArenaSocket } from './types.js';

const CHANNEL_PREFIX = 'room:';

/** The socket.io room of a game room's members. */
export const channelOf = (roomCode: string): string => `${CHANNEL_PREFIX}${roomCode}`;

/**
 * Carries a room's snapshots to the other processes of a cluster that have members in it
 * (cluster/snapshot-relay.ts); they hand them on with `deliverSnapshotLocally`.
 */
export interface SnapshotRelay {
  publish(roomCode: string, bytes: Uint8Array): void;
}

export function socketRoomChannels(
  io: ArenaServer,
  metrics: Metrics,
  maxUnsentBytes: number,
  relay?: SnapshotRelay,
): RoomChannels {
  return (roomCode) => new SocketRoomChannel(io, roomCode, metrics, maxUnsentBytes, relay);
}

/** The game room whose channel this socket is in, if any (a cluster's routing reads it). */
export function roomCodeOfSocket(socket: ArenaSocket): string | undefined {
  for (const name of socket.rooms)
    if (name.startsWith(CHANNEL_PREFIX)) return name.slice(CHANNEL_PREFIX.length);
  return undefined;
}

/**
 * Hands one snapshot to the room's members connected to this process: all of them on the
 * room's own process, the rest on each other process of a cluster. Never through the adapter:
 * a snapshot is state, not history, and is worth nothing to replay or to store in Redis.
 * A slow reader is skipped rather than sent what it cannot take (members-behind.ts); the
 * members skipped are returned.
 */
export function deliverSnapshotLocally(
  io: ArenaServer,
  roomCode: string,
  bytes: Uint8Array,
  metrics: Metrics,
  maxUnsentBytes: number,
): MemberId[] {
  const name = channelOf(roomCode);
  const members = io.sockets.adapter.rooms.get(name)?.size ?? 0;
  if (members === 0) return [];
  const behind = membersBehind(io, name, maxUnsentBytes);
  metrics.snapshotsSkipped += behind.length;
  io.local.to(name).except(behind).emit('state:snapshot', bytes);
  // Counted where it is written: the recipients connected to this process.
  metrics.snapshotBytesOut += bytes.byteLength * (members - behind.length);
  return behind;
}

/**
 * socket.io's recovery puts a socket back into the channels it was in before a blip; the
 * registry, not that memory, says which room it belongs to. This takes it out of every room
 * channel, and resuming its seat or its watching puts it back into the one it still has.
 */
export function leaveRoomChannels(socket: ArenaSocket): void {
  for (const name of socket.rooms) if (name.startsWith(CHANNEL_PREFIX)) void socket.leave(name);
}

/**
 * socket.io's typed `emit` cannot follow a generic event name to its payload, so the channel
 * sends through this plainer view of it; its own signatures keep each event with its payload.
 */
interface PlainEmitter {
  emit(event: string, payload: unknown): unknown;
}
const plain = (target: PlainEmitter): PlainEmitter => target;

class SocketRoomChannel implements RoomChannel {
  private readonly name: string;
  readonly needsKeyframe = new Set<MemberId>();
  /** Members connected to other processes of a cluster: snapshots are relayed while any are. */
  private readonly remoteMembers = new Set<MemberId>();

  constructor(
    private readonly io: ArenaServer,
    private readonly roomCode: string,
    private readonly metrics: Metrics,
    private readonly maxUnsentBytes: number,
    private readonly relay: SnapshotRelay | undefined,
  ) {
    this.name = channelOf(roomCode);
  }

  add(member: MemberId): void {
    this.io.in(member).socketsJoin(this.name);
    if (this.relay && !this.io.sockets.sockets.has(member)) this.remoteMembers.add(member);
  }

  remove(member: MemberId): void {
    this.needsKeyframe.delete(member);
    this.io.in(member).socketsLeave(this.name);
    this.remoteMembers.delete(member);
  }

  removeAll(): void {
    this.needsKeyframe.clear();
    this.io.in(this.name).socketsLeave(this.name);
    this.remoteMembers.clear();
  }

  toAll<E extends RoomEventName>(event: E, payload: ServerPayload<E>): void {
    plain(this.io.to(this.name)).emit(event, payload);
  }

  toAllBut<E extends RoomEventName>(except: MemberId, event: E, payload: ServerPayload<E>): void {
    plain(this.io.to(this.name).except(except)).emit(event, payload);
  }

  toMember<E extends RoomEventName>(member: MemberId, event: E, payload: ServerPayload<E>): void {
    // A socket of this process gets it directly, as its own emit; one elsewhere, through the
    // adapter (socket.io puts every socket in a room named by its id).
    const local = this.io.sockets.sockets.get(member);
    plain(local ?? this.io.to(member)).emit(event, payload);
  }

  broadcastSnapshot(bytes: Uint8Array): void {
    const behind = deliverSnapshotLocally(
      this.io,
      this.roomCode,
      bytes,
      this.metrics,
      this.maxUnsentBytes,
    );
    for (const member of this.needsKeyframe)
      if (!behind.includes(member)) this.needsKeyframe.delete(member);
    for (const member of behind) this.needsKeyframe.add(member);
    this.metrics.snapshotsSent += 1;
    if (this.remoteMembers.size > 0) this.relay?.publish(this.roomCode, bytes);
  }
}

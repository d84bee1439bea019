/**
 * A room's channel on socket.io: the socket.io room `room:<code>`. Members are addressed by
 * socket id through the server (`io.in(id)`), not through a socket object, so an adapter that
 * spans processes (a cluster's) reaches members connected elsewhere with the same calls.
 */
import type { EncodedSnapshot, ServerPayload } from '@arena/shared/protocol';
import type { Metrics } from '../metrics.js';
import type { MemberId, RoomChannel, RoomChannels, RoomEventName } from '../rooms/room-channel.js';
import type { SnapshotFanout } from './snapshot-fanout.js';
import type { ArenaServer, ArenaSocket } from './types.js';

const CHANNEL_PREFIX = 'room:';
/** The socket.io room of a game room's snapshot mirrors: they hear its snapshots, nothing else. */
const MIRROR_PREFIX = 'mirror:';

/** The socket.io room of a game room's members. */
export const channelOf = (roomCode: string): string => `${CHANNEL_PREFIX}${roomCode}`;

/**
 * Carries a room's snapshots to the other processes of a cluster that have members in it
 * (cluster/snapshot-relay.ts); each hands them to its own members with its `SnapshotFanout`.
 */
export interface SnapshotRelay {
  publish(roomCode: string, snapshot: EncodedSnapshot): void;
}

export function socketRoomChannels(
  io: ArenaServer,
  fanout: SnapshotFanout,
  metrics: Metrics,
  relay?: SnapshotRelay,
): RoomChannels {
  return (roomCode) => new SocketRoomChannel(io, roomCode, fanout, metrics, relay);
}

/** The game room whose channel this socket is in, if any (a cluster's routing reads it). */
export function roomCodeOfSocket(socket: ArenaSocket): string | undefined {
  for (const name of socket.rooms)
    if (name.startsWith(CHANNEL_PREFIX)) return name.slice(CHANNEL_PREFIX.length);
  return undefined;
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
  private readonly mirrorName: string;
  /** Members connected to other processes of a cluster: snapshots are relayed while any are. */
  private readonly remoteMembers = new Set<MemberId>();

  constructor(
    private readonly io: ArenaServer,
    private readonly roomCode: string,
    private readonly fanout: SnapshotFanout,
    private readonly metrics: Metrics,
    private readonly relay: SnapshotRelay | undefined,
  ) {
    this.name = channelOf(roomCode);
    this.mirrorName = `${MIRROR_PREFIX}${roomCode}`;
  }

  add(member: MemberId): void {
    this.io.in(member).socketsJoin(this.name);
    if (this.relay && !this.io.sockets.sockets.has(member)) this.remoteMembers.add(member);
  }

  remove(member: MemberId): void {
    this.io.in(member).socketsLeave(this.name);
    this.remoteMembers.delete(member);
  }

  addMirror(member: MemberId): void {
    this.io.in(member).socketsJoin(this.mirrorName);
  }

  dropMirror(member: MemberId): void {
    // A DISCONNECT packet, not a cut: the client hears "io server disconnect" and stays away.
    this.io.in(member).disconnectSockets(false);
  }

  removeAll(): void {
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

  broadcastSnapshot(snapshot: EncodedSnapshot): void {
    // This process's members, skipping slow readers (snapshot-fanout.ts); the others', through
    // the relay to their own processes, which do the same.
    this.fanout.deliver(this.name, snapshot);
    // Mirrors are a room of their own, so each keeps a delta chain of its own.
    this.fanout.deliver(this.mirrorName, snapshot);
    this.metrics.snapshotsSent += 1;
    if (this.remoteMembers.size > 0) this.relay?.publish(this.roomCode, snapshot);
  }
}

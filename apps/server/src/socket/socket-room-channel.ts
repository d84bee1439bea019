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

export function socketRoomChannels(
  io: ArenaServer,
  metrics: Metrics,
  maxUnsentBytes: number,
): RoomChannels {
  return (roomCode) =>
    new SocketRoomChannel(io, `${CHANNEL_PREFIX}${roomCode}`, metrics, maxUnsentBytes);
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
  readonly needsKeyframe = new Set<MemberId>();

  constructor(
    private readonly io: ArenaServer,
    private readonly name: string,
    private readonly metrics: Metrics,
    private readonly maxUnsentBytes: number,
  ) {}

  add(member: MemberId): void {
    this.io.in(member).socketsJoin(this.name);
  }

  remove(member: MemberId): void {
    this.needsKeyframe.delete(member);
    this.io.in(member).socketsLeave(this.name);
  }

  removeAll(): void {
    this.needsKeyframe.clear();
    this.io.in(this.name).socketsLeave(this.name);
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
    // A slow reader is skipped rather than sent what it cannot take (members-behind.ts).
    const behind = membersBehind(this.io, this.name, this.maxUnsentBytes);
    // Counted where it is written: the recipients connected to this process.
    const members = this.io.sockets.adapter.rooms.get(this.name)?.size ?? 0;
    const recipients = members - behind.length;
    this.metrics.snapshotsSkipped += behind.length;
    this.io.to(this.name).except(behind).emit('state:snapshot', bytes);
    for (const member of this.needsKeyframe)
      if (!behind.includes(member)) this.needsKeyframe.delete(member);
    for (const member of behind) this.needsKeyframe.add(member);
    this.metrics.snapshotsSent += 1;
    this.metrics.snapshotBytesOut += bytes.byteLength * recipients;
  }
}

/**
 * How a room reaches its members, and the only way it does. A member is one connection, named
 * by its `MemberId`, never held as an object: a member may be connected to another process of
 * a cluster than the one that runs the room, and the room reaches it through its channel all
 * the same. socket.io's channel is in `socket/socket-room-channel.ts`; tests use a recording one.
 */
import type { EncodedSnapshot, ServerEventName, ServerPayload } from '@arena/shared/protocol';

/** One connection, unique across the cluster: socket.io's socket id. */
export type MemberId = string;

/** What a room sends as a payload; snapshots go by `broadcastSnapshot`. */
export type RoomEventName = Exclude<ServerEventName, 'state:snapshot'>;

export interface RoomChannel {
  /** From now on the member receives what the room sends to all. */
  add(member: MemberId): void;
  remove(member: MemberId): void;
  /** A seat's snapshot mirror: from now on it is sent the room's snapshots, and only those. */
  addMirror(member: MemberId): void;
  /** Closes a mirror's connection (its seat went, or a newer mirror replaced it). */
  dropMirror(member: MemberId): void;
  /** Every member leaves the channel: the room closed. */
  removeAll(): void;
  toAll<E extends RoomEventName>(event: E, payload: ServerPayload<E>): void;
  toAllBut<E extends RoomEventName>(except: MemberId, event: E, payload: ServerPayload<E>): void;
  toMember<E extends RoomEventName>(member: MemberId, event: E, payload: ServerPayload<E>): void;
  /**
   * One tick's snapshot, encoded once for the room: the delta for every member (and mirror)
   * that holds the previous one, the keyframe for the others (who just came in, or missed one). The path that
   * carries almost all of a room's traffic, kept apart so it can be fast.
   */
  broadcastSnapshot(snapshot: EncodedSnapshot): void;
}

/** Gives the channel of the room with this code. */
export type RoomChannels = (roomCode: string) => RoomChannel;

/**
 * How a room reaches its members, and the only way it does. A member is one connection, named
 * by its `MemberId`, never held as an object: a member may be connected to another process of
 * a cluster than the one that runs the room, and the room reaches it through its channel all
 * the same. socket.io's channel is in `socket/socket-room-channel.ts`; tests use a recording one.
 */
import type { ServerEventName, ServerPayload } from '@arena/shared/protocol';

/** One connection, unique across the cluster: socket.io's socket id. */
export type MemberId = string;

/** What a room sends as a payload; snapshots go by `broadcastSnapshot`. */
export type RoomEventName = Exclude<ServerEventName, 'state:snapshot'>;

export interface RoomChannel {
  /** From now on the member receives what the room sends to all. */
  add(member: MemberId): void;
  remove(member: MemberId): void;
  /** Every member leaves the channel: the room closed. */
  removeAll(): void;
  toAll<E extends RoomEventName>(event: E, payload: ServerPayload<E>): void;
  toAllBut<E extends RoomEventName>(except: MemberId, event: E, payload: ServerPayload<E>): void;
  toMember<E extends RoomEventName>(member: MemberId, event: E, payload: ServerPayload<E>): void;
  /**
   * One tick's snapshot, encoded once, the same bytes for every member: the path that carries
   * almost all of a room's traffic, kept apart so it can get a faster one.
   */
  broadcastSnapshot(bytes: Uint8Array): void;
  /**
   * Members whose connection could not take the latest snapshots (slow readers), who were
   * skipped and have not been sent one since: the next snapshot each gets must stand on its
   * own (a keyframe), not build on one it never had.
   */
  readonly needsKeyframe: ReadonlySet<MemberId>;
}

/** Gives the channel of the room with this code. */
export type RoomChannels = (roomCode: string) => RoomChannel;

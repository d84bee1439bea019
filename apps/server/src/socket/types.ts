/** The typed socket.io server and socket, from the shared event tables. */
import type { ClientToServerEvents, ServerToClientEvents } from '@arena/shared/protocol';
import type { Server, Socket } from 'socket.io';
import type { WatchingNote } from '../rooms/room-registry.js';

/** Per-socket data that socket.io keeps (and restores on connection-state recovery). */
export interface SocketData {
  /** The remote address used for per-address limits. */
  address: string;
  /** What the socket watched when it dropped, so a recovered connection can go on watching. */
  watching?: WatchingNote;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no server-to-server events yet
export type InterServerEvents = {};

export type ArenaServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type ArenaSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** The typed socket.io server and socket, from the shared event tables. */
import type { ClientToServerEvents, ServerToClientEvents } from '@arena/shared/protocol';
import type { Server, Socket } from 'socket.io';

/** Per-socket data that socket.io keeps (and restores on connection-state recovery). */
export interface SocketData {
  /** The session token this socket presented or was given. */
  sessionToken?: string;
  /** The remote address used for per-address limits. */
  address: string;
  /** Set while watching a room, so a recovered connection can go on watching it. */
  spectating?: { code: string; name: string };
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

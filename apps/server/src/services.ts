/** What socket handlers and HTTP routes share: one object, built once by `buildApp`. */
import type { FastifyBaseLogger } from 'fastify';
import type { ClientAddressOf } from './client-address.js';
import type { ServerConfig } from './config.js';
import type { EchoEndpoint } from './echo/echo-endpoint.js';
import type { LoadWatch } from './load/load-watch.js';
import type { Metrics } from './metrics.js';
import type { RoomRegistry } from './rooms/room-registry.js';
import type { AdmittedEvent } from './socket/guard.js';
import type { HandlerContext } from './socket/handler-context.js';
import type { RoomQuotas } from './socket/room-quotas.js';
import type { SnapshotFanout } from './socket/snapshot-fanout.js';
import type { SocketLedger } from './socket/socket-ledger.js';
import type { TransportLimits } from './socket/transport-limits.js';
import type { ArenaServer, ArenaSocket } from './socket/types.js';

/** The public rooms a lobby shows, and word of when that list may have changed. */
export type LobbyView = Pick<RoomRegistry, 'lobbyList' | 'onLobbyChange'>;

/**
 * What the socket layer asks of a cluster (`cluster/`), when REDIS_URL makes this process one
 * of several: a member's room may run in another process, so its events and its session go
 * where the room is.
 */
export interface ClusterSeam {
  /** Handles one admitted event: here (`handleHere`), at its room's process, or after a wait. */
  route(ctx: HandlerContext, admitted: AdmittedEvent, handleHere: () => void): void;
  /** A new connection's membership over its life (what `attachMemberSession` does alone). */
  attachMember(socket: ArenaSocket): void;
  /** Whether this process reaches the cluster's Redis (/readyz). */
  readonly reachable: boolean;
  /** SIGTERM: save every room this process runs and leave them to the others. */
  handOver(): Promise<void>;
  close(): Promise<void>;
}

export interface GameServices {
  config: ServerConfig;
  io: ArenaServer;
  /** Writes snapshots to this process's connections, keyframes to those that need one. */
  snapshots: SnapshotFanout;
  /** The rooms this process runs, and which room each member is in. */
  rooms: RoomRegistry;
  /** The lobby's list: this process's rooms, or the whole cluster's. */
  lobby: LobbyView;
  /** Set when this process is one of a cluster's (REDIS_URL). */
  cluster?: ClusterSeam | undefined;
  metrics: Metrics;
  /** The address a request is counted under by per-address limits (see client-address.ts). */
  addressOf: ClientAddressOf;
  /** socket.io connections, counted in total and per address. */
  sockets: SocketLedger;
  /** engine.io connections beneath them. */
  transports: TransportLimits;
  /** The plain WebSocket echo at /echo, on a budget of its own. */
  echo: EchoEndpoint;
  /** How late the event loop runs and how many ticks the game loop achieves. */
  load: LoadWatch;
  log: FastifyBaseLogger;
  /** Server clock in ms (wall-clock aligned, monotonic): snapshots and pongs carry it. */
  clock: () => number;
  /** Per-address limits on opening rooms and on guessing their codes. */
  roomQuotas: RoomQuotas;
  /** True once shutdown has begun: new connections and rooms are refused. */
  shuttingDown: boolean;
}

/** What socket handlers and HTTP routes share: one object, built once by `buildApp`. */
import type { FastifyBaseLogger } from 'fastify';
import type { ClientAddressOf } from './client-address.js';
import type { ServerConfig } from './config.js';
import type { EchoEndpoint } from './echo/echo-endpoint.js';
import type { LoadWatch } from './load/load-watch.js';
import type { Metrics } from './metrics.js';
import type { RoomRegistry } from './rooms/room-registry.js';
import type { RoomQuotas } from './socket/room-quotas.js';
import type { SocketLedger } from './socket/socket-ledger.js';
import type { TransportLimits } from './socket/transport-limits.js';
import type { ArenaServer } from './socket/types.js';

export interface GameServices {
  config: ServerConfig;
  io: ArenaServer;
  /** The rooms, and which room each member is in. */
  rooms: RoomRegistry;
  /** Per-address limits on opening rooms and on guessing their codes. */
  roomQuotas: RoomQuotas;
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
  /** True once shutdown has begun: new connections and rooms are refused. */
  shuttingDown: boolean;
}

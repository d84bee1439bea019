/**
 * `buildApp(config)` assembles the whole server (HTTP routes, the built client, socket.io, the
 * echo endpoint, rooms and their loop) and never listens: `main.ts` and the tests do that.
 */
import type { StepFunction } from '@arena/shared/netcode/server';
import { ErrorCode, wireParser } from '@arena/shared/protocol';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server, type ServerOptions as SocketServerOptions } from 'socket.io';
import { clientAddressResolver, trustedProxies } from './client-address.js';
import type { ServerConfig } from './config.js';
import { createEchoEndpoint, ECHO_PATH } from './echo/echo-endpoint.js';
import { RoomQuotas } from './socket/room-quotas.js';
import { registerClientFiles } from './http/client-files.js';
import { PacedWebSocketServer } from './socket/paced-reads.js';
import { OpenSockets } from './http/open-sockets.js';
import { guardSilentConnections } from './http/silent-connections.js';
import { registerOpsRoutes } from './http/routes.js';
import { routeUpgrades } from './http/upgrades.js';
import { LoadWatch } from './load/load-watch.js';
import { loggerOptions } from './logger.js';
import { Metrics } from './metrics.js';
import { GameLoop } from './rooms/game-loop.js';
import { RoomRegistry } from './rooms/room-registry.js';
import type { GameServices } from './services.js';
import { realClock } from './timers.js';
import { attachGateway } from './socket/gateway.js';
import { createHandshakeCheck } from './socket/handshake.js';
import { startLobbyFeed } from './socket/lobby-feed.js';
import { attachMemberSession } from './socket/member-session.js';
import { attachSnapshotMirror, isSnapshotMirror } from './socket/snapshot-mirror.js';
import { RecoveryAdapter } from './socket/recovery-adapter.js';
import { SocketLedger } from './socket/socket-ledger.js';
import { SnapshotFanout } from './socket/snapshot-fanout.js';
import { socketRoomChannels } from './socket/socket-room-channel.js';
import { TransportLimits } from './socket/transport-limits.js';
import type { ArenaServer } from './socket/types.js';

/** What a test may put into the server besides its configuration. */
export interface BuildOptions {
  /**
   * Each new room's step function, given the room's code; the game's own `step` by default.
   * A test wraps it to make one room's tick fail, or to watch what a tick judged.
   */
  roomStep?: (roomCode: string) => StepFunction;
}

export interface BuiltApp {
  app: FastifyInstance;
  services: GameServices;
  loop: GameLoop;
  /** Every TCP connection still open: shutdown destroys the last ones when its grace ends. */
  openSockets: OpenSockets;
}

const serverClock = (): number => performance.timeOrigin + performance.now();

/** Longest gap socket.io's connection-state recovery bridges; longer ones resume by token. */
const RECOVERY_MAX_MS = 10_000;

function createSocketServer(
  app: FastifyInstance,
  config: ServerConfig,
  transport: TransportLimits,
  adapter: SocketServerOptions['adapter'],
): ArenaServer {
  return new Server(app.server, {
    // A short blip is bridged by socket.io itself (missed chat and notices are replayed); the
    // session token in the handshake gives the seat back either way, even after a long gap or a
    // restart of the socket layer, where recovery cannot apply.
    connectionStateRecovery: {
      maxDisconnectionDuration: Math.min(RECOVERY_MAX_MS, config.RECONNECT_GRACE_SECONDS * 1000),
      skipMiddlewares: false,
    },
    // Stores what recovery replays, but not snapshots: see recovery-adapter.ts (in a cluster,
    // socket.io's Redis Streams adapter, which keeps them out too: cluster/streams-adapter.ts).
    adapter,
    serveClient: false,
    // socket.io's text packets unchanged; an event with one binary argument (a snapshot, an
    // input) as one binary message instead of two (docs/PROTOCOL.md §1).
    parser: wireParser,
    // socket.io's defaults (25 s + 20 s) notice a silently dropped player after up to 45 s;
    // a game wants the others to see "reconnecting" sooner: 10 s + 10 s by default.
    pingInterval: config.HEARTBEAT_INTERVAL_MS,
    pingTimeout: config.HEARTBEAT_TIMEOUT_MS,
    transports: ['websocket', 'polling'],
    // A small read is handled at once, a large one one message a turn (paced-reads.ts).
    wsEngine: PacedWebSocketServer,
    maxHttpBufferSize: config.MAX_PAYLOAD_BYTES,
    allowRequest: transport.allowRequest,
    // A transport connection that has not joined by then is closed (socket.io's default: 45 s).
    connectTimeout: config.HANDSHAKE_TIMEOUT_MS,
    // The echo endpoint owns `/echo` upgrades; socket.io must leave them alone.
    destroyUpgrade: false,
    // Browsers are checked by origin in the handshake, with a clear error, not by CORS.
    cors: { origin: true },
  });
}

/** The cluster's code, loaded only when REDIS_URL asks for it: one process needs no Redis. */
async function clusterFor(config: ServerConfig, app: FastifyInstance, metrics: Metrics) {
  if (!config.REDIS_URL) return undefined;
  const { startCluster } = await import('./cluster/cluster-node.js');
  return startCluster(config, app.log, metrics);
}

export async function buildApp(
  config: ServerConfig,
  options: BuildOptions = {},
): Promise<BuiltApp> {
  const app = Fastify({ logger: loggerOptions(config), forceCloseConnections: true });
  const openSockets = new OpenSockets(app.server);
  const metrics = new Metrics();
  guardSilentConnections(app.server, config, metrics, trustedProxies(config.TRUST_PROXY));
  const addressOf = clientAddressResolver(config.TRUST_PROXY);
  const load = new LoadWatch(config.TICK_RATE_HZ);
  load.start();
  const transports = new TransportLimits(config, metrics, addressOf, () => load.loop.stalledMs());
  const cluster = await clusterFor(config, app, metrics);
  const io = createSocketServer(app, config, transports, cluster?.adapter ?? RecoveryAdapter);
  io.engine.on('connection', transports.track);
  const echo = createEchoEndpoint(config, addressOf);
  const snapshots = new SnapshotFanout(io, metrics, config.MAX_UNSENT_BYTES);
  const rooms = new RoomRegistry(config, {
    channels: socketRoomChannels(io, snapshots, metrics, cluster?.snapshotRelay),
    log: app.log,
    metrics,
    schedule: realClock.schedule,
    roomStep: options.roomStep,
    ...cluster?.registryHooks,
  });
  const services: GameServices = {
    config,
    io,
    snapshots,
    metrics,
    addressOf,
    sockets: new SocketLedger(),
    transports,
    echo,
    load,
    log: app.log,
    clock: serverClock,
    rooms,
    lobby: cluster?.lobby ?? rooms,
    cluster,
    roomQuotas: new RoomQuotas(config),
    shuttingDown: false,
  };
  cluster?.attach(services);

  io.use(createHandshakeCheck(services));
  io.on('connection', (socket) => {
    if (isSnapshotMirror(socket)) return attachSnapshotMirror(socket, services);
    attachGateway(socket, services);
    attachMemberSession(socket, services);
  });

  const stopRoutingUpgrades = routeUpgrades(
    app.server,
    `${io.path()}/`,
    new Map([[ECHO_PATH, echo.handleUpgrade]]),
  );
  const stopLobbyFeed = startLobbyFeed(services);
  const loop = new GameLoop({
    tickRateHz: config.TICK_RATE_HZ,
    clock: realClock,
    onTick: () => {
      load.tick();
      services.rooms.tickAll(services.clock());
    },
  });
  loop.start();

  registerOpsRoutes(app, services);
  await registerClientFiles(app, config.CLIENT_DIR);

  app.addHook('preClose', async () => {
    loop.stop();
    load.stop();
    stopLobbyFeed();
    stopRoutingUpgrades();
    echo.close();
    // A cluster's rooms go on in the other processes; a lone process's end with it.
    if (cluster) await cluster.handOver();
    else services.rooms.closeAll(ErrorCode.ServerShuttingDown, 'The server is shutting down.');
    // This process's sockets only: in a cluster, `io.disconnectSockets` would reach them all.
    io.local.disconnectSockets(true);
    io.engine.close();
    await cluster?.close();
  });
  return { app, services, loop, openSockets };
}

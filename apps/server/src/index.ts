/** What tests, bots and benchmarks import from the server package. */
export { buildApp, type BuildOptions, type BuiltApp } from './app.js';
export { loadConfig, testConfig, type ServerConfig } from './config.js';
export { shutDownGracefully, shutDownWithin } from './shutdown.js';
export type { GameServices } from './services.js';
export { startLocalRedis, type LocalRedis } from './launch/local-redis.js';
export { startFrontProxy, type FrontProxy } from './launch/front-proxy.js';
export { ServerExitError, ServerFleet, type FleetOptions } from './launch/server-fleet.js';
export { EXIT_BAD_CONFIG } from './exit-codes.js';
export { connectionCounts, type ConnectionCounts } from './connection-counts.js';
export { packetMeterOf, type PacketMeter } from './socket/packet-budget.js';
export { ECHO_MAX_UNSENT_BYTES } from './echo/echo-limits.js';
export { unsentBytes } from './socket/write-backlog.js';

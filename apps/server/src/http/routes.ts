/** Health, readiness and metrics: plain HTTP routes of the game server. */
import type { FastifyInstance } from 'fastify';
import type { ServerGauges } from '../metrics.js';
import type { GameServices } from '../services.js';

function gauges(services: GameServices): ServerGauges {
  let players = 0;
  let spectators = 0;
  for (const room of services.rooms.all()) {
    players += room.seats.size;
    spectators += room.spectators.size;
  }
  return {
    rooms: services.rooms.size,
    players,
    spectators,
    connections: services.sockets.total,
    transportConnections: services.transports.total,
    echoConnections: services.echo.counts().connections,
    load: services.load.report(),
    stalledMs: services.load.loop.stalledMs(),
  };
}

/** Why the server should get no new players now, if it should not. */
function notReady(services: GameServices): string | undefined {
  if (services.shuttingDown) return 'shutting-down';
  // A process of a cluster that cannot reach Redis makes no rooms and reaches no other.
  if (services.cluster && !services.cluster.reachable) return 'cluster-unavailable';
  const full =
    services.sockets.total >= services.config.MAX_CONNECTIONS || services.transports.full;
  if (full) return 'full';
  return services.load.report().overloaded ? 'overloaded' : undefined;
}

/**
 * Probes are polled every few seconds by load balancers and Prometheus: their request lines
 * would bury the events in the log. Errors in them are still logged.
 */
const PROBE = { logLevel: 'warn' } as const;

export function registerOpsRoutes(app: FastifyInstance, services: GameServices): void {
  app.get('/healthz', PROBE, () => ({ status: 'ok' }));
  app.get('/readyz', PROBE, async (_request, reply) => {
    const { rooms, players, spectators, load } = gauges(services);
    const why = notReady(services);
    if (why) return reply.code(503).send({ status: why, ...load });
    return { status: 'ready', rooms, players, spectators, ...load };
  });
  app.get('/metrics', PROBE, async (_request, reply) => {
    const text = await services.metrics.render(gauges(services));
    return reply.type(services.metrics.contentType).send(text);
  });
}

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
  };
}

/**
 * Probes are polled every few seconds by load balancers and Prometheus: their request lines
 * would bury the events in the log. Errors in them are still logged.
 */
const PROBE = { logLevel: 'warn' } as const;

export function registerOpsRoutes(app: FastifyInstance, services: GameServices): void {
  app.get('/healthz', PROBE, () => ({ status: 'ok' }));
  app.get('/readyz', PROBE, async (_request, reply) => {
    if (services.shuttingDown) return reply.code(503).send({ status: 'shutting-down' });
    const { rooms, players, spectators } = gauges(services);
    return { status: 'ready', rooms, players, spectators };
  });
  app.get('/metrics', PROBE, async (_request, reply) => {
    const text = await services.metrics.render(gauges(services));
    return reply.type(services.metrics.contentType).send(text);
  });
}

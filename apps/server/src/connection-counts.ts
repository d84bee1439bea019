/**
 * Every count the server keeps on behalf of connections, in one place: what /metrics and
 * /readyz report, and what tests and the soak check returns to rest (zero) once every client
 * has gone. A count that stays above zero with nobody connected is a leak.
 */
import type { GameServices } from './services.js';

export interface ConnectionCounts {
  /** socket.io connections counted by the handshake's ledger, and the addresses they are from. */
  sockets: number;
  socketAddresses: number;
  /** engine.io connections beneath them (joined or not), and their addresses. */
  transports: number;
  transportAddresses: number;
  /** What socket.io and engine.io themselves hold. */
  ioSockets: number;
  engineClients: number;
  /** Connections to the echo endpoint, their addresses, and the replies they have not read. */
  echo: number;
  echoAddresses: number;
  echoUnsentBytes: number;
}

export function connectionCounts(services: GameServices): ConnectionCounts {
  return {
    sockets: services.sockets.total,
    socketAddresses: services.sockets.addresses,
    transports: services.transports.total,
    transportAddresses: services.transports.addresses,
    ioSockets: services.io.of('/').sockets.size,
    engineClients: services.io.engine.clientsCount,
    ...echoCounts(services),
  };
}

function echoCounts(services: GameServices) {
  const { connections, addresses, unsentBytes } = services.echo.counts();
  return { echo: connections, echoAddresses: addresses, echoUnsentBytes: unsentBytes };
}

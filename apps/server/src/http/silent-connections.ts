/**
 * TCP connections before they are anything. Every per-address limit counts what a connection
 * becomes (a socket.io transport, an echo socket, a page load), so a client that opens sockets
 * and never speaks, or sends its request headers a byte a minute, is counted by none of them;
 * and Fastify's default (no request timeout) turns off Node's header timeout too. One address
 * could hold thousands of sockets, each a file descriptor and a few kilobytes, for ever. So:
 * - a connection that has not made a request (or an upgrade) within HANDSHAKE_TIMEOUT_MS is
 *   closed, whether it sent nothing or headers that never end;
 * - one address holds at most SOCKETS_PER_ALLOWED_CONNECTION × MAX_CONNECTIONS_PER_IP +
 *   SOCKETS_FOR_PAGE_LOADS TCP connections at once (a socket.io connection may hold two
 *   transports while it upgrades, and a browser loads a page over several), past which a new
 *   one is closed at once. A trusted proxy's address carries many clients and is not capped
 *   here: the proxy bounds its own connections.
 * Both are counted in `arena_connections_dropped_total` (`SILENT`, `SOCKETS_PER_ADDRESS`).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { addressKey } from '../client-address.js';
import type { ServerConfig } from '../config.js';
import type { Metrics } from '../metrics.js';

export const SOCKETS_PER_ALLOWED_CONNECTION = 3;
export const SOCKETS_FOR_PAGE_LOADS = 16;
export const SILENT = 'SILENT';
export const SOCKETS_PER_ADDRESS = 'SOCKETS_PER_ADDRESS';

type GuardConfig = Pick<ServerConfig, 'HANDSHAKE_TIMEOUT_MS' | 'MAX_CONNECTIONS_PER_IP'>;

export function guardSilentConnections(
  server: Server,
  config: GuardConfig,
  metrics: Metrics,
  isTrustedProxy: (address: string) => boolean,
): void {
  const most =
    SOCKETS_PER_ALLOWED_CONNECTION * config.MAX_CONNECTIONS_PER_IP + SOCKETS_FOR_PAGE_LOADS;
  const perAddress = new Map<string, number>();
  /** The close timer of each connection that has not made a request yet. */
  const waiting = new WeakMap<Socket, NodeJS.Timeout>();
  const spoke = (socket: Socket): void => {
    clearTimeout(waiting.get(socket));
    waiting.delete(socket);
  };

  server.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress ?? '';
    if (!isTrustedProxy(peer)) {
      const key = addressKey(peer);
      const held = perAddress.get(key) ?? 0;
      if (held >= most) {
        metrics.countDroppedConnection(SOCKETS_PER_ADDRESS);
        socket.destroy();
        return;
      }
      perAddress.set(key, held + 1);
      socket.once('close', () => {
        const left = (perAddress.get(key) ?? 1) - 1;
        if (left > 0) perAddress.set(key, left);
        else perAddress.delete(key);
      });
    }
    const timer = setTimeout(() => {
      metrics.countDroppedConnection(SILENT);
      socket.destroy();
    }, config.HANDSHAKE_TIMEOUT_MS);
    timer.unref();
    waiting.set(socket, timer);
    socket.once('close', () => spoke(socket));
  });
  server.on('request', (request: { socket: Socket }) => spoke(request.socket));
  server.on('upgrade', (_request: unknown, socket: Socket) => spoke(socket));
}

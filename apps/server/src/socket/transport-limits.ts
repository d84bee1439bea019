/**
 * Limits on the engine.io connections beneath socket.io. The handshake check refuses a socket
 * with a clear `{code, message}`, but by then its transport connection is already open, and a
 * connection that never asks to join (or ignores its refusal) would otherwise stay open until
 * socket.io's connect timeout, uncounted. So:
 * - an address may hold at most TRANSPORT_ALLOWANCE × MAX_CONNECTIONS_PER_IP transport
 *   connections, and the server TRANSPORT_ALLOWANCE × MAX_CONNECTIONS; past that a new one is
 *   refused outright (HTTP 403). The allowance leaves room for the friendly refusal below it;
 * - a connection whose handshake was refused is closed once the refusal has been sent;
 * - packets engine.io silently ignores when a client sends them (open, close, upgrade and noop
 *   on an open connection) end the connection, as engine.io itself does for a misdirected ping.
 */
import type { IncomingMessage } from 'node:http';
import type { ServerConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { ArenaSocket } from './types.js';

export const TRANSPORT_ALLOWANCE = 2;

/** The reason `/metrics` counts for a transport connection refused outright. */
export const TRANSPORT_REFUSAL = 'TRANSPORT_LIMIT';

const IGNORED_BY_ENGINE = new Set(['open', 'close', 'upgrade', 'noop']);

/** The part of an engine.io connection used here. */
export interface EngineConnection {
  remoteAddress: string;
  on(event: 'packet', listener: (packet: { type: string }) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  close(): unknown;
}

export interface TransportLimits {
  /** engine.io's `allowRequest`: called for every new transport connection. */
  allowRequest: (
    request: IncomingMessage,
    callback: (message: string | null, success: boolean) => void,
  ) => void;
  /** For `io.engine.on('connection')`: counts the connection until it closes. */
  track: (connection: EngineConnection) => void;
}

export function createTransportLimits(config: ServerConfig, metrics: Metrics): TransportLimits {
  const perAddress = new Map<string, number>();
  let total = 0;

  const allowRequest: TransportLimits['allowRequest'] = (request, callback) => {
    const address = request.socket.remoteAddress ?? '';
    const full =
      total >= config.MAX_CONNECTIONS * TRANSPORT_ALLOWANCE ||
      (perAddress.get(address) ?? 0) >= config.MAX_CONNECTIONS_PER_IP * TRANSPORT_ALLOWANCE;
    if (!full) return callback(null, true);
    metrics.countRejectedConnection(TRANSPORT_REFUSAL);
    callback('Too many connections', false);
  };

  const track: TransportLimits['track'] = (connection) => {
    const address = connection.remoteAddress;
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    total += 1;
    connection.once('close', () => {
      total -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
    connection.on('packet', (packet) => {
      if (IGNORED_BY_ENGINE.has(packet.type)) connection.close();
    });
  };

  return { allowRequest, track };
}

/** Closes a refused socket's transport once its refusal (CONNECT_ERROR) has been written. */
export function closeAfterRefusal(socket: ArenaSocket): void {
  socket.conn.once('drain', () => socket.conn.close());
}

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
 *   on an open connection) end the connection, as engine.io itself does for a misdirected ping;
 * - every packet counts against the connection's packet budget (packet-budget.ts): past it the
 *   connection is paused, far past it closed;
 * - a connection holding more than MAX_UNSENT_BYTES that its client has not read is closed
 *   (write-backlog.ts).
 *
 * A connection is counted when engine.io opens it and let go when it closes: engine.io emits
 * both exactly once per connection, whatever ends it (a transport error, a failed upgrade).
 * Once closed, its WebSocket waits for the client's answer to the close frame, for 30 s by
 * `ws`'s clock; a client that never answers would hold its TCP connection that long, counted
 * nowhere, so it is destroyed after CLOSE_LINGER_MS instead.
 */
import type { IncomingMessage } from 'node:http';
import type { ClientAddressOf } from '../client-address.js';
import type { ServerConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import { meterPackets } from './packet-budget.js';
import { watchBacklog } from './write-backlog.js';
import { monotonicNow } from '../timers.js';
import type { ArenaSocket } from './types.js';

export const TRANSPORT_ALLOWANCE = 2;

/** The reason `/metrics` counts for a transport connection refused outright. */
export const TRANSPORT_REFUSAL = 'TRANSPORT_LIMIT';

/** The reason `/metrics` counts for a connection closed for sending far too many packets. */
export const PACKET_FLOOD = 'PACKET_FLOOD';

/** The reason `/metrics` counts for a connection closed for not reading what it was sent. */
export const SLOW_READER = 'SLOW_READER';

const IGNORED_BY_ENGINE = new Set(['open', 'close', 'upgrade', 'noop']);

/** How long a closed WebSocket may wait for the client's close frame before it is destroyed. */
export const CLOSE_LINGER_MS = 1000;

/** The `ws` WebSocket under engine.io's websocket transport. */
interface TransportWebSocket {
  readyState: number;
  terminate(): void;
}

/**
 * Closes a connection that flooded or stopped reading: no close handshake (it would not read
 * the close frame, or not in time), its TCP connection is destroyed at once.
 */
function cutOff(connection: EngineConnection): void {
  connection.close(true);
  const ws = connection.transport.socket as Partial<TransportWebSocket> | undefined;
  ws?.terminate?.();
}

/** Destroys the WebSocket of a closed engine.io connection unless it closes by itself soon. */
export function lingerThenDestroy(transport: { socket?: unknown }): void {
  const ws = transport.socket as TransportWebSocket | undefined;
  if (!ws || typeof ws.terminate !== 'function') return;
  const timer = setTimeout(() => ws.terminate(), CLOSE_LINGER_MS);
  timer.unref();
}

/** The part of an engine.io connection used here. */
export interface EngineConnection {
  request: IncomingMessage;
  transport: { name: string; socket?: unknown };
  on(event: 'packet', listener: (packet: { type: string }) => void): unknown;
  on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): unknown;
  on(event: 'flush', listener: () => void): unknown;
  on(event: 'upgrade', listener: (transport: { name: string; socket?: unknown }) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  close(discard?: boolean): unknown;
}

export class TransportLimits {
  private readonly perAddress = new Map<string, number>();
  private count = 0;

  /** `stalledMs` reads how long the event loop has been stalled, to forgive it. */
  constructor(
    private readonly config: ServerConfig,
    private readonly metrics: Metrics,
    private readonly addressOf: ClientAddressOf,
    private readonly stalledMs: () => number,
  ) {}

  /** Transport connections open now. */
  get total(): number {
    return this.count;
  }

  /** Addresses with at least one transport connection open. */
  get addresses(): number {
    return this.perAddress.size;
  }

  /** True when no new transport connection would be accepted from anyone. */
  get full(): boolean {
    return this.count >= this.config.MAX_CONNECTIONS * TRANSPORT_ALLOWANCE;
  }

  /** engine.io's `allowRequest`: called for every new transport connection. */
  readonly allowRequest = (
    request: IncomingMessage,
    callback: (message: string | null, success: boolean) => void,
  ): void => {
    const perAddressCap = this.config.MAX_CONNECTIONS_PER_IP * TRANSPORT_ALLOWANCE;
    const busy = (this.perAddress.get(this.addressOf(request)) ?? 0) >= perAddressCap;
    if (!this.full && !busy) return callback(null, true);
    this.metrics.countRejectedConnection(TRANSPORT_REFUSAL);
    callback('Too many connections', false);
  };

  /** For `io.engine.on('connection')`: counts the connection until it closes. */
  readonly track = (connection: EngineConnection): void => {
    const address = this.addressOf(connection.request);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    this.count += 1;
    connection.once('close', () => {
      lingerThenDestroy(connection.transport);
      this.count -= 1;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, left);
    });
    connection.on('packet', (packet) => {
      if (IGNORED_BY_ENGINE.has(packet.type)) connection.close();
    });
    meterPackets(connection, {
      now: monotonicNow,
      stalledMs: this.stalledMs,
      onFlood: () => {
        this.metrics.countDroppedConnection(PACKET_FLOOD);
        cutOff(connection);
      },
      onPause: () => (this.metrics.connectionsPaused += 1),
    });
    watchBacklog(connection, this.config.MAX_UNSENT_BYTES, () => {
      this.metrics.countDroppedConnection(SLOW_READER);
      cutOff(connection);
    });
  };
}

/** Closes a refused socket's transport once its refusal (CONNECT_ERROR) has been written. */
export function closeAfterRefusal(socket: ArenaSocket): void {
  socket.conn.once('drain', () => socket.conn.close());
}

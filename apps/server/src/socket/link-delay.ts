/**
 * The server half of the link simulator: extra latency (and jitter) on one connection, both
 * ways, for demos and integration tests of the netcode. A WebSocket never drops or reorders,
 * so neither does this: each packet leaves no earlier than the one before it.
 *
 * Set for every connection with SIM_LAG_MS / SIM_JITTER_MS, or per connection with the
 * handshake query `?lag=150&jitter=30` (milliseconds, one way).
 */
import type { ServerConfig } from '../config.js';
import type { ArenaSocket } from './types.js';

export const MAX_SIMULATED_LAG_MS = 2000;

export interface LinkDelay {
  lagMs: number;
  jitterMs: number;
}

function queryNumber(value: unknown): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(n) && n > 0 ? Math.min(n, MAX_SIMULATED_LAG_MS) : 0;
}

export function linkDelayFor(socket: ArenaSocket, config: ServerConfig): LinkDelay {
  const { query } = socket.handshake;
  return {
    lagMs: queryNumber(query.lag) || config.SIM_LAG_MS,
    jitterMs: queryNumber(query.jitter) || config.SIM_JITTER_MS,
  };
}

/**
 * Delivers callbacks after lag + jitter, strictly in the order they were scheduled. One queue
 * and one timer: separate timers per packet may fire out of order when their due times are
 * within a millisecond, which would split a binary event from its attachment.
 */
export function orderedDelayer({ lagMs, jitterMs }: LinkDelay): (deliver: () => void) => void {
  const queue: { at: number; deliver: () => void }[] = [];
  let timer: NodeJS.Timeout | null = null;
  let lastAt = 0;

  const pump = (): void => {
    timer = null;
    const now = performance.now();
    while (queue.length > 0 && queue[0]!.at <= now) queue.shift()!.deliver();
    if (queue.length > 0) timer = setTimeout(pump, Math.max(1, queue[0]!.at - now));
  };

  return (deliver) => {
    const now = performance.now();
    lastAt = Math.max(lastAt, now + lagMs + Math.random() * jitterMs);
    queue.push({ at: lastAt, deliver });
    timer ??= setTimeout(pump, Math.max(1, lastAt - now));
  };
}

/** Delays everything the server writes to this socket (direct emits and room broadcasts). */
export function delayOutbound(socket: ArenaSocket, delay: LinkDelay): void {
  const conn = socket.conn as unknown as { write: (...args: unknown[]) => unknown };
  const write = conn.write.bind(conn);
  const schedule = orderedDelayer(delay);
  conn.write = (...args: unknown[]) => {
    schedule(() => {
      if (socket.conn.readyState === 'open') write(...args);
    });
    return conn;
  };
}

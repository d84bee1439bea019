/**
 * A plain WebSocket echo at `/echo`, beside socket.io on the same port: the raw protocol the
 * game rides on, for `/basics.html` and the classic five-step WebSocket example. Upgrades reach
 * it through the server's upgrade routes (http/upgrades.ts).
 *
 * It runs on a budget of its own (echo-limits.ts), so that no number of echo clients can cost
 * the game anything: connections are capped in total (ECHO_MAX_CONNECTIONS) and per address
 * (ECHO_MAX_CONNECTIONS_PER_IP); messages are handled one per turn of the event loop, so a
 * burst never holds the loop; a connection over its rate is paused; one that floods, or leaves
 * its replies unread, is closed. A message over 64 KiB is answered with close code 1009, and
 * the socket is read to the end until the client closes (or a second has passed), so the close
 * frame arrives instead of a reset.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type ServerOptions, type WebSocket } from 'ws';
import type { ClientAddressOf } from '../client-address.js';
import type { ServerConfig } from '../config.js';
import { refuseUpgrade } from '../http/upgrades.js';
import { monotonicNow } from '../timers.js';
import {
  ECHO_MAX_MESSAGE_BYTES,
  ECHO_MAX_UNSENT_BYTES,
  EchoBudget,
  EchoRate,
} from './echo-limits.js';

export const ECHO_PATH = '/echo';
export { ECHO_MAX_MESSAGE_BYTES };

/** How long a closing echo socket waits for the client's close before it is destroyed. */
export const ECHO_CLOSE_LINGER_MS = 1000;

/** Fragments one message may arrive in; browsers send one. */
const MAX_FRAGMENTS = 64;

export interface EchoEndpoint {
  handleUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Echo connections open now, the addresses they come from, and replies not yet sent. */
  counts: () => { connections: number; addresses: number; unsentBytes: number };
  close: () => void;
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.byteLength, 0);
  return data.byteLength;
}

/** The part of a `ws` WebSocket the echo uses. */
export type EchoSocket = Pick<
  WebSocket,
  'readyState' | 'OPEN' | 'bufferedAmount' | 'isPaused' | 'send' | 'terminate' | 'pause' | 'resume'
> & {
  on(event: 'message', listener: (data: RawData, isBinary: boolean) => void): unknown;
  on(event: 'error' | 'close', listener: () => void): unknown;
};

/** Echoes one connection's messages within its rate. */
export function serveEcho(ws: EchoSocket, rate: EchoRate): void {
  let resumeTimer: NodeJS.Timeout | undefined;
  const resume = (): void => {
    resumeTimer = undefined;
    const waitMs = rate.pauseMs(monotonicNow());
    if (waitMs > 0) resumeTimer = setTimeout(resume, waitMs);
    else ws.resume();
  };
  ws.on('message', (data, isBinary) => {
    if (ws.readyState !== ws.OPEN) return;
    const size = byteLength(data);
    const { pauseMs, flooding } = rate.charge(monotonicNow(), size);
    // Neither would read a close frame: a flood would only be parsed on while it is awaited,
    // and a reader that does not read would never see it.
    if (flooding || ws.bufferedAmount + size > ECHO_MAX_UNSENT_BYTES) return ws.terminate();
    ws.send(data, { binary: isBinary });
    if (pauseMs > 0 && !ws.isPaused) {
      ws.pause();
      resumeTimer ??= setTimeout(resume, pauseMs);
    }
  });
  // ws has already answered a protocol error (1009 for a message too big) with its close frame.
  ws.on('error', () => undefined);
  ws.on('close', () => clearTimeout(resumeTimer));
}

export function createEchoEndpoint(config: ServerConfig, addressOf: ClientAddressOf): EchoEndpoint {
  // `closeTimeout` is newer than @types/ws: how long a closing socket waits for the client.
  const options: ServerOptions & { closeTimeout: number } = {
    noServer: true,
    maxPayload: ECHO_MAX_MESSAGE_BYTES,
    maxFragments: MAX_FRAGMENTS,
    // One message per turn of the event loop: a buffer full of tiny messages is no burst.
    allowSynchronousEvents: false,
    closeTimeout: ECHO_CLOSE_LINGER_MS,
  };
  const wss = new WebSocketServer(options);
  const budget = new EchoBudget(monotonicNow());
  const perAddress = new Map<string, number>();
  let open = 0;

  const release = (address: string): void => {
    open -= 1;
    const left = (perAddress.get(address) ?? 1) - 1;
    if (left <= 0) perAddress.delete(address);
    else perAddress.set(address, left);
  };

  const handleUpgrade: EchoEndpoint['handleUpgrade'] = (request, socket, head) => {
    const address = addressOf(request);
    if (open >= config.ECHO_MAX_CONNECTIONS) return refuseUpgrade(socket, 503, 'Echo Full');
    if ((perAddress.get(address) ?? 0) >= config.ECHO_MAX_CONNECTIONS_PER_IP)
      return refuseUpgrade(socket, 429, 'Too Many Echo Connections');
    open += 1;
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    // The TCP socket closes exactly once, whether the upgrade succeeds or ws refuses it.
    socket.once('close', () => release(address));
    wss.handleUpgrade(request, socket, head, (ws) =>
      serveEcho(ws, new EchoRate(budget, monotonicNow())),
    );
  };

  return {
    handleUpgrade,
    counts: () => {
      let unsentBytes = 0;
      for (const client of wss.clients) unsentBytes += client.bufferedAmount;
      return { connections: open, addresses: perAddress.size, unsentBytes };
    },
    close: () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

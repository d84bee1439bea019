/**
 * A plain WebSocket echo at `/echo`, beside socket.io on the same port: the raw protocol the
 * game rides on, for `/basics.html` and the classic five-step WebSocket example. Upgrades reach
 * it through the server's upgrade routes (http/upgrades.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

export const ECHO_PATH = '/echo';
export const ECHO_MAX_MESSAGE_BYTES = 64 * 1024;

export interface EchoEndpoint {
  handleUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  close: () => void;
}

export function createEchoEndpoint(): EchoEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: ECHO_MAX_MESSAGE_BYTES });
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    ws.on('error', () => ws.terminate());
  });
  return {
    handleUpgrade: (request, socket, head) =>
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)),
    close: () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

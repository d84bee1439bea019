/**
 * A plain WebSocket echo at `/echo`, beside socket.io on the same port: the raw protocol the
 * game rides on, for `/basics.html` and the classic five-step WebSocket example. socket.io is
 * told not to destroy upgrades it does not own (`destroyUpgrade: false`); this routes them.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

export const ECHO_PATH = '/echo';
export const ECHO_MAX_MESSAGE_BYTES = 64 * 1024;

export function attachEchoEndpoint(server: Server): { close: () => void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: ECHO_MAX_MESSAGE_BYTES });
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    ws.on('error', () => ws.terminate());
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (request.url ?? '').split('?')[0];
    if (path === ECHO_PATH) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    } else if (!path?.startsWith('/socket.io')) {
      // Nobody owns this path: refuse it instead of leaving the socket hanging.
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
  };
  server.on('upgrade', onUpgrade);

  return {
    close: () => {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/**
 * Every upgrade request gets an answer. engine.io owns the paths under its own (`/socket.io/…`,
 * exactly as it matches them) and answers those itself; `/echo` goes to the echo endpoint;
 * anything else (`/socket.io` without its slash, `/socket.iox`, `/anything`) gets a 404 and a
 * closed socket. socket.io is told not to destroy upgrades it does not own
 * (`destroyUpgrade: false`), so without this a request for another path would hang forever.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** How long a refused upgrade's socket may stay open for the client to read its answer. */
export const REFUSAL_LINGER_MS = 500;

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Answers `status` and closes: the answer is written and the socket half-closed, what the
 * client still sends is read and dropped (closing a socket with unread data would reset it and
 * lose the answer), and after REFUSAL_LINGER_MS it is destroyed whatever the client does.
 */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.resume();
  const timer = setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** Routes `server`'s upgrades besides engine.io's; returns a function that stops it. */
export function routeUpgrades(
  server: Server,
  enginePath: string,
  routes: ReadonlyMap<string, UpgradeHandler>,
): () => void {
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = request.url ?? '';
    // engine.io's own check (`attach`): its path is a prefix of the URL.
    if (url.slice(0, enginePath.length) === enginePath) return;
    const handler = routes.get(url.split('?')[0]!);
    if (handler) handler(request, socket, head);
    else refuseUpgrade(socket, 404, 'Not Found');
  };
  server.on('upgrade', onUpgrade);
  return () => server.off('upgrade', onUpgrade);
}

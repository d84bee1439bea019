/**
 * Small waits about connections themselves: a refused handshake's error, a socket's
 * disconnect, and the server side noticing that a socket has gone.
 */
import type { TestServer } from './server.js';
import type { PlayerSocket } from './player.js';

/** What a refused handshake carries: the server's `{code, message}`. */
export interface Refusal {
  code: string;
  message: string;
}

/** Resolves with the refusal's data once the handshake fails; rejects if it is accepted. */
export function refusalOf(socket: PlayerSocket, timeoutMs = 5000): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('timed out waiting for connect_error')),
      timeoutMs,
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      reject(new Error('expected the handshake to be refused, but it was accepted'));
    });
    socket.once('connect_error', (error: Error & { data?: Refusal }) => {
      clearTimeout(timer);
      resolve(error.data ?? { code: 'NO_DATA', message: error.message });
    });
  });
}

/** Resolves with the reason once the socket is disconnected (by either side). */
export function disconnectOf(socket: PlayerSocket, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!socket.connected && !socket.active) return resolve('already disconnected');
    const timer = setTimeout(
      () => reject(new Error('timed out waiting for disconnect')),
      timeoutMs,
    );
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/**
 * Resolves once the server has seen every one of its sockets with these ids disconnect, so a
 * test can rely on the server's counters having been released.
 */
export function serverSawDisconnect(
  server: TestServer,
  ids: (string | undefined)[],
): Promise<void> {
  const waits = ids.map((id) => {
    const serverSocket = id === undefined ? undefined : server.services.io.sockets.sockets.get(id);
    if (!serverSocket) return Promise.resolve();
    return new Promise<void>((resolve) => serverSocket.once('disconnect', () => resolve()));
  });
  return Promise.all(waits).then(() => undefined);
}

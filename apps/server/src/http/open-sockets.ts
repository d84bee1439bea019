/**
 * Every TCP connection the server has accepted, until it closes: HTTP requests, upgraded
 * sockets (which the HTTP server stops tracking), half-open and silent ones. Shutdown destroys
 * what is still open when its grace period ends, so no client can hold the process up.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export class OpenSockets {
  private readonly sockets = new Set<Socket>();

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  get size(): number {
    return this.sockets.size;
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

/** A socket.io-client socket as the shared `NetClient`'s port: for bots and test players. */
import type { NetPort } from '@arena/shared/netcode/client';
import type { ClientToServerEvents, ServerToClientEvents } from '@arena/shared/protocol';
import type { Socket } from 'socket.io-client';

export type GameSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type LooseSocket = {
  emit: (event: string, payload: unknown) => void;
  on: (event: string, listener: (payload: never) => void) => void;
  off: (event: string, listener: (payload: never) => void) => void;
};

export function socketNetPort(socket: GameSocket): NetPort {
  // socket.io's typed emit and on cannot follow a generic event name; NetPort's are the check.
  const loose = socket as unknown as LooseSocket;
  return {
    send: (event, payload) => loose.emit(event, payload),
    on: (event, handler) => {
      loose.on(event, handler);
      return () => loose.off(event, handler);
    },
    get open() {
      return socket.connected;
    },
  };
}

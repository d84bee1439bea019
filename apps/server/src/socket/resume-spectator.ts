/**
 * A spectator has no seat and no token; when socket.io recovers its connection (a short blip),
 * the socket is back in the room's channel and still receives snapshots, but the room no
 * longer counts it. This puts it back on the room's list, or out of the channel if the room
 * is gone or has no place left to watch.
 */
import type { GameServices } from '../services.js';
import type { ArenaSocket } from './types.js';

export function resumeSpectator(socket: ArenaSocket, services: GameServices): void {
  const watching = socket.data.spectating;
  if (!watching || services.membership.has(socket)) return;
  const room = services.rooms.get(watching.code);
  if (!room || room.closed || room.spectatorsFull) {
    delete socket.data.spectating;
    void socket.leave(`room:${watching.code}`);
    return;
  }
  room.spectate(socket, watching.name, true);
  services.membership.set(socket, room);
  services.rooms.lobbyChanged();
}

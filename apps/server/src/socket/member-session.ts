/**
 * A connection's membership over its life, kept by the room registry. On connecting, a
 * handshake that carries a held seat's token takes the seat back; a connection socket.io
 * recovered after a blip goes on watching what it watched. Just before it drops, what it
 * watches is noted in `socket.data`, which socket.io keeps for recovery (and a cluster's
 * adapter carries to whichever process the client comes back to); once it dropped, the
 * registry detaches it.
 */
import type { HandshakeAuth } from '@arena/shared/protocol';
import type { GameServices } from '../services.js';
import { leaveRoomChannels } from './socket-room-channel.js';
import type { ArenaSocket } from './types.js';

/**
 * The seat token the handshake carries, if any: the handshake check refused any `auth` that is
 * not a valid `HandshakeAuth`.
 */
export function sessionTokenOf(socket: ArenaSocket): string | undefined {
  return (socket.handshake.auth as HandshakeAuth).sessionToken;
}

export function attachMemberSession(socket: ArenaSocket, services: GameServices): void {
  if (services.cluster) return services.cluster.attachMember(socket);
  const { rooms } = services;
  if (socket.recovered) leaveRoomChannels(socket);
  const token = sessionTokenOf(socket);
  const resumed = token !== undefined && rooms.resumePlayer(socket.id, token) !== undefined;
  const watching = socket.data.watching;
  delete socket.data.watching;
  if (!resumed && socket.recovered && watching) rooms.resumeSpectator(socket.id, watching);

  socket.on('disconnecting', () => {
    const note = rooms.watching(socket.id);
    if (note) socket.data.watching = note;
  });
  socket.on('disconnect', () => rooms.detach(socket.id));
}

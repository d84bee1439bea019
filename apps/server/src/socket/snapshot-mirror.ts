/**
 * A seat's snapshot mirror: a second connection that presents the seat's session token with
 * `stream: 'snapshots'` in its handshake and is then sent the room's snapshots, with a delta
 * chain of its own, and nothing else. TCP delivers in order, so one lost packet holds back
 * everything behind it on that connection for a round trip or more; two connections rarely
 * stall at the same moment, and the client draws whichever copy of a tick comes first.
 *
 * It is a connection like any other for the limits (per address, in total, slow reader,
 * simulated link); it may send `time:ping` (its uplink carries nothing else, so its round
 * trips are the cleanest the clock can get) and `state:resync`, and any other event is
 * answered `MIRROR_ONLY`. One per seat: a newer one replaces it. It is closed when its seat
 * goes or its room ends. A cluster's processes do not share mirrors: there it is refused, and
 * so it is where the host turned them off (SNAPSHOT_MIRRORS=off).
 */
import {
  ErrorCode,
  SNAPSHOT_MIRROR_STREAM,
  type ClientPayload,
  type HandshakeAuth,
} from '@arena/shared/protocol';
import type { SendError } from '../send-error.js';
import type { GameServices } from '../services.js';
import { attachGateway } from './gateway.js';
import type { AdmittedEvent } from './guard.js';
import type { ArenaSocket } from './types.js';

const authOf = (socket: ArenaSocket): HandshakeAuth => socket.handshake.auth as HandshakeAuth;

/** Whether the handshake asks for a snapshot mirror (the handshake check let only valid ones in). */
export function isSnapshotMirror(socket: ArenaSocket): boolean {
  return authOf(socket).stream === SNAPSHOT_MIRROR_STREAM;
}

/** Why a handshake asking for a mirror is refused, or undefined (also for any other handshake). */
export function mirrorRefusal(services: GameServices, auth: HandshakeAuth): string | undefined {
  if (auth.stream !== SNAPSHOT_MIRROR_STREAM) return undefined;
  if (services.config.SNAPSHOT_MIRRORS === 'off')
    return 'This server opens no snapshot mirrors (SNAPSHOT_MIRRORS=off): play on one connection.';
  if (services.cluster)
    return 'This server is one of a cluster and opens no snapshot mirrors: play on one connection.';
  if (auth.sessionToken === undefined) return 'A snapshot mirror needs its seat’s sessionToken.';
  if (!services.rooms.holdsSeat(auth.sessionToken))
    return 'No seat here holds that sessionToken: join a room first, then open the mirror.';
  return undefined;
}

/** The two events a mirror may send; the rest belong on the seat's main connection. */
function dispatchMirror(
  socket: ArenaSocket,
  services: GameServices,
  sendError: SendError,
  { event, payload }: AdmittedEvent,
): void {
  if (event === 'time:ping') {
    const { clientTimeMs } = payload as ClientPayload<'time:ping'>;
    socket.emit('time:pong', { clientTimeMs, serverTimeMs: services.clock() });
  } else if (event === 'state:resync') {
    services.snapshots.needsKeyframe(socket.id);
  } else {
    const message = `This connection is a snapshot mirror: it takes time:ping and state:resync only; send ${event} on the seat's main connection.`;
    sendError(ErrorCode.MirrorOnly, message, event);
  }
}

/** A mirror that passed the handshake: attach it to its seat, or refuse it if the seat just went. */
export function attachSnapshotMirror(socket: ArenaSocket, services: GameServices): void {
  const sendError = attachGateway(socket, services, dispatchMirror);
  const token = authOf(socket).sessionToken ?? '';
  socket.on('disconnect', () => services.rooms.detachMirror(socket.id));
  if (services.rooms.attachMirror(socket.id, token)) return;
  sendError(ErrorCode.MirrorRefused, 'The seat this mirror was opened for has gone.');
  socket.disconnect();
}

/**
 * The one door into the game. Every inbound event passes the guard as it arrives (known event,
 * rate limit, schema: see guard.ts), so nothing unparsed is ever held; only then does it cross
 * the socket's simulated link, when the host lets it have one (link-delay.ts), and reach its
 * handler with a typed, trusted payload (dispatch.ts). Every error the socket is sent goes
 * through one sender, so each one is counted.
 */
import { ErrorCode } from '@arena/shared/protocol';
import { errorSender, type SendError } from '../send-error.js';
import type { GameServices } from '../services.js';
import { realClock } from '../timers.js';
import { dispatch } from './dispatch.js';
import { createGuard, type AdmittedEvent } from './guard.js';
import { linkProfileOf, simulateLink } from './link-delay.js';
import type { ArenaSocket } from './types.js';

/** Runs `work` for `event`; an exception is logged and answered, and goes no further. */
function contained<T>(
  socket: ArenaSocket,
  services: GameServices,
  sendError: SendError,
  event: unknown,
  work: () => T,
): T | undefined {
  try {
    return work();
  } catch (error) {
    const name = typeof event === 'string' ? event.slice(0, 40) : undefined;
    services.log.error({ err: error, event: name, socket: socket.id }, 'handler failed');
    sendError(ErrorCode.Internal, 'The server could not handle that event.', name);
    return undefined;
  }
}

/** Where an admitted event goes: the game's handlers, or a snapshot mirror's few. */
export type Dispatch = typeof dispatch;

/** Returns the socket's error sender, for its owner's own errors. */
export function attachGateway(
  socket: ArenaSocket,
  services: GameServices,
  route: Dispatch = dispatch,
): SendError {
  const sendError = errorSender((error) => socket.emit('error', error), services.metrics);
  const guard = createGuard(socket, services, sendError);
  const profile = linkProfileOf(socket, services.config, sendError);
  const link = simulateLink(socket, profile, services.config.TICK_RATE_HZ, realClock);

  const handle = (admitted: AdmittedEvent): void => {
    if (socket.disconnected) return;
    contained(socket, services, sendError, admitted.event, () =>
      route(socket, services, sendError, admitted),
    );
  };

  // A payload is the first argument, and acknowledgements are not used: whatever else a client
  // sends is dropped here, unread, and never held while the event waits in a simulated link.
  socket.onAny((event: unknown, payload?: unknown) => {
    if (socket.disconnected) return;
    const admitted = contained(socket, services, sendError, event, () => guard(event, payload));
    if (!admitted) return;
    if (link.receive(() => handle(admitted))) return;
    services.log.warn(
      { socket: socket.id, address: socket.data.address },
      'disconnecting a socket flooding behind its simulated lag',
    );
    socket.disconnect(true);
  });
  socket.on('disconnect', () => link.close());
  return sendError;
}

/**
 * The one door into the game. Every inbound event crosses the socket's simulated link (when
 * it has one, see link-delay.ts), passes the guard (known event, rate limit, schema: see
 * guard.ts) and only then reaches its handler with a typed, trusted payload (dispatch.ts).
 * Every error the socket is sent goes through one sender, so each one is counted.
 */
import { ErrorCode } from '@arena/shared/protocol';
import { errorSender } from '../send-error.js';
import type { GameServices } from '../services.js';
import { realClock } from '../timers.js';
import { dispatch } from './dispatch.js';
import { createGuard } from './guard.js';
import { linkProfileOf, simulateLink } from './link-delay.js';
import type { ArenaSocket } from './types.js';

export function attachGateway(socket: ArenaSocket, services: GameServices): void {
  const sendError = errorSender((error) => socket.emit('error', error), services.metrics);
  const guard = createGuard(socket, services, sendError);
  const profile = linkProfileOf(socket, services.config, sendError);
  const link = simulateLink(socket, profile, services.config.TICK_RATE_HZ, realClock);

  const receive = (event: unknown, args: unknown[]): void => {
    if (socket.disconnected) return;
    try {
      const admitted = guard(event, args[0]);
      if (admitted) dispatch(socket, services, sendError, admitted);
    } catch (error) {
      const name = typeof event === 'string' ? event.slice(0, 40) : undefined;
      services.log.error({ err: error, event: name, socket: socket.id }, 'handler failed');
      sendError(ErrorCode.Internal, 'The server could not handle that event.', name);
    }
  };

  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (link.receive(() => receive(event, args))) return;
    if (socket.connected)
      services.log.warn(
        { socket: socket.id, address: socket.data.address },
        'disconnecting a socket flooding behind its simulated lag',
      );
    socket.disconnect(true);
  });
  socket.on('disconnect', () => link.close());
}

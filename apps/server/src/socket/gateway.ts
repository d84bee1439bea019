/**
 * The one door into the game. Every inbound event passes the guard as it arrives (known event,
 * rate limit, schema or binary decoder: see guard.ts), so nothing unparsed is ever held; only
 * then does it cross the socket's simulated link, when the host lets it have one
 * (link-delay.ts), and reach its handler with a typed, trusted payload (dispatch.ts). Inputs,
 * 30 a second per player, skip the general handler when their room runs in this process, and
 * binary ones on a real WebSocket link skip socket.io too, as clock pings do (direct-inputs.ts):
 * the same guard, the same queue or handler, fewer steps. Every error the socket is sent goes
 * through one sender, so each one is counted.
 */
import { ErrorCode, type ClientPayload } from '@arena/shared/protocol';
import { errorSender, type SendError } from '../send-error.js';
import type { GameServices } from '../services.js';
import { realClock } from '../timers.js';
import { dispatch } from './dispatch.js';
import { readDirectly } from './direct-inputs.js';
import { SocketGuard, type AdmittedEvent } from './guard.js';
import { linkProfileOf, simulateLink, type SimulatedSocketLink } from './link-delay.js';
import { queueInput } from './play-handlers.js';
import type { ArenaSocket } from './types.js';

/** Logs a failed event and answers it; it goes no further. */
function failed(
  socket: ArenaSocket,
  services: GameServices,
  sendError: SendError,
  event: unknown,
  error: unknown,
): void {
  const name = typeof event === 'string' ? event.slice(0, 40) : undefined;
  services.log.error({ err: error, event: name, socket: socket.id }, 'handler failed');
  sendError(ErrorCode.Internal, 'The server could not handle that event.', name);
}

/** Where an admitted event goes: the game's handlers, or a snapshot mirror's few. */
export type Dispatch = typeof dispatch;

/** The socket the gateway serves, and what every part of it answers through. */
interface Door {
  socket: ArenaSocket;
  services: GameServices;
  sendError: SendError;
}

/** Returns the socket's error sender, for its owner's own errors. */
export function attachGateway(
  socket: ArenaSocket,
  services: GameServices,
  route: Dispatch = dispatch,
): SendError {
  const sendError = errorSender((error) => socket.emit('error', error), services.metrics);
  const door: Door = { socket, services, sendError };
  const guard = new SocketGuard(socket, services, sendError);
  const profile = linkProfileOf(socket, services.config, sendError);
  const link = simulateLink(socket, profile, services.config.TICK_RATE_HZ, realClock);
  // Only the game's own handlers take inputs; a snapshot mirror's route answers them itself.
  const inputs = route === dispatch ? inputReceiver(socket.id, services, sendError) : undefined;
  const receive = guardedReceiver(door, guard, link, admittedHandler(door, route, inputs));
  socket.onAny(receive);
  socket.on('disconnect', () => link.close());

  // A simulated link must hold inputs and pings in order with everything else: they take its way.
  if (inputs && !link.delays)
    readDirectly(socket, {
      isMember: () => services.rooms.roomOf(socket.id) !== undefined,
      input: binaryInputReader(door, guard, inputs),
      event: (args) => receive(args[0], args[1]),
    });
  return sendError;
}

/**
 * Hands an admitted event to its handler. Inputs arrive 30 times a second per player: on a real
 * link, in one process, they go straight to their room, with no context or closure built for
 * each.
 */
function admittedHandler(
  { socket, services, sendError }: Door,
  route: Dispatch,
  inputs: InputReceiver | undefined,
): (admitted: AdmittedEvent) => void {
  return (admitted) => {
    if (socket.disconnected) return;
    try {
      if (inputs && admitted.event === 'player:input')
        inputs(admitted.payload as ClientPayload<'player:input'>);
      else route(socket, services, sendError, admitted);
    } catch (error) {
      failed(socket, services, sendError, admitted.event, error);
    }
  };
}

/**
 * socket.io's `onAny` listener: the guard, then the simulated link if there is one, then
 * `handle`. A payload is the first argument, and acknowledgements are not used: whatever else a
 * client sends is dropped here, unread, and never held while the event waits in a simulated
 * link.
 */
function guardedReceiver(
  { socket, services, sendError }: Door,
  guard: SocketGuard,
  link: SimulatedSocketLink,
  handle: (admitted: AdmittedEvent) => void,
): (event: unknown, payload?: unknown) => void {
  return (event, payload) => {
    if (socket.disconnected) return;
    let admitted: AdmittedEvent | undefined;
    try {
      admitted = guard.admit(event, payload);
    } catch (error) {
      return failed(socket, services, sendError, event, error);
    }
    if (!admitted) return;
    if (!link.delays) return handle(admitted);
    const waiting = admitted;
    if (link.receive(() => handle(waiting))) return;
    services.log.warn(
      { socket: socket.id, address: socket.data.address },
      'disconnecting a socket flooding behind its simulated lag',
    );
    socket.disconnect(true);
  };
}

type InputReceiver = (input: ClientPayload<'player:input'>) => void;

/**
 * A room member's binary inputs, read below socket.io (direct-inputs.ts): through the same
 * guard (rate limit, then decoder) to the same receiver as on the general path.
 */
function binaryInputReader(
  { socket, services, sendError }: Door,
  guard: SocketGuard,
  inputs: InputReceiver,
): (bytes: Uint8Array) => void {
  return (bytes) => {
    if (socket.disconnected) return;
    try {
      const input = guard.admitBinaryInput(bytes);
      if (input) inputs(input);
    } catch (error) {
      failed(socket, services, sendError, 'player:input', error);
    }
  };
}

/**
 * Queues inputs in the socket's room directly, when the room runs in this process (no
 * cluster to route through); undefined otherwise, and inputs take the general path.
 */
function inputReceiver(
  member: string,
  services: GameServices,
  sendError: SendError,
): InputReceiver | undefined {
  if (services.cluster) return undefined;
  return (input) => {
    const refusal = queueInput(services, member, input);
    if (refusal) sendError(refusal.code, refusal.message, 'player:input');
  };
}

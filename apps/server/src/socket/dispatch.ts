/** Hands an admitted event to its handler, with the socket's room as the registry knows it. */
import type { SendError } from '../send-error.js';
import type { GameServices } from '../services.js';
import type { AdmittedEvent } from './guard.js';
import type { HandlerContext, HandlerTable } from './handler-context.js';
import {
  handleChat,
  handleInput,
  handleLobbySubscribe,
  handleLobbyUnsubscribe,
  handlePing,
  handleResync,
} from './play-handlers.js';
import { handleCreate, handleJoin, handleLeave, handleQuickPlay } from './room-handlers.js';
import type { ArenaSocket } from './types.js';

const handlers: HandlerTable = {
  'room:create': handleCreate,
  'room:join': handleJoin,
  'room:quickplay': handleQuickPlay,
  'room:leave': handleLeave,
  'lobby:subscribe': handleLobbySubscribe,
  'lobby:unsubscribe': handleLobbyUnsubscribe,
  'player:input': handleInput,
  'chat:send': handleChat,
  'time:ping': handlePing,
  'state:resync': handleResync,
};

export function dispatch(
  socket: ArenaSocket,
  services: GameServices,
  sendError: SendError,
  { event, payload }: AdmittedEvent,
): void {
  const ctx: HandlerContext = {
    socket,
    member: socket.id,
    address: socket.data.address,
    services,
    room: services.rooms.roomOf(socket.id),
    fail: (code, message) => sendError(code, message, event),
  };
  // The guard parsed `payload` with this event's schema: it is what this handler takes.
  const handleHere = () =>
    (handlers[event] as (c: HandlerContext, p: unknown) => void)(ctx, payload);
  // In a cluster the member's room may run in another process, which then handles the event.
  if (services.cluster) services.cluster.route(ctx, { event, payload }, handleHere);
  else handleHere();
}

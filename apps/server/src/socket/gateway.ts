/**
 * The one door into the game. Every inbound event is looked up in the shared schema table
 * (no schema, no handler), rate-limited per socket, parsed, and only then handed to its
 * handler with a typed, trusted payload. Misbehaviour is answered with `error` and costs the
 * socket some patience; a socket that runs out is disconnected, and no one else notices.
 */
import {
  clientEventSchemas,
  ErrorCode,
  isClientEventName,
  type ClientEventName,
} from '@arena/shared/protocol';
import { LinkProfileQueryError, type LinkProfile } from '@arena/shared/netcode';
import type { Room } from '../rooms/room.js';
import type { GameServices } from '../services.js';
import type { HandlerContext, HandlerTable } from './handler-context.js';
import {
  handleChat,
  handleInput,
  handleLobbySubscribe,
  handleLobbyUnsubscribe,
  handlePing,
} from './play-handlers.js';
import { linkProfileFor, linkProfileFromEnv, simulateLink } from './link-delay.js';
import { SocketLimits } from './rate-limits.js';
import { handleCreate, handleJoin, handleLeave, handleQuickPlay } from './room-handlers.js';
import { realClock } from '../timers.js';
import { sendError } from './send-error.js';
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
};

/** A short, safe description of why a payload failed its schema. */
function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  const where = issue.path.map(String).join('.').slice(0, 60);
  return (where ? `${where}: ` : '') + issue.message.slice(0, 120);
}

/**
 * The room this socket is in. A room that closed (it failed, or the server is stopping) has
 * already let its members go: they are back in the lobby and may join another room.
 */
function currentRoom(socket: ArenaSocket, services: GameServices): Room | undefined {
  const room = services.membership.get(socket);
  if (!room?.closed) return room;
  services.membership.delete(socket);
  return undefined;
}

/**
 * The simulated link this socket asked for (or the environment's). A bad query value is
 * answered with an error naming the key, and the connection goes on without it.
 */
function linkFor(socket: ArenaSocket, services: GameServices): LinkProfile | undefined {
  try {
    return linkProfileFor(socket, services.config);
  } catch (error) {
    if (!(error instanceof LinkProfileQueryError)) throw error;
    sendError(
      socket,
      services.metrics,
      ErrorCode.InvalidPayload,
      `Link simulator: ${error.message}.`,
    );
    return linkProfileFromEnv(services.config);
  }
}

export function attachGateway(socket: ArenaSocket, services: GameServices): void {
  const limits = new SocketLimits(services.config.TICK_RATE_HZ, services.clock());

  const misbehaved = (code: ErrorCode, message: string, event?: string): void => {
    sendError(socket, services.metrics, code, message, event);
    if (!limits.strike(services.clock())) {
      services.log.warn(
        { socket: socket.id, address: socket.data.address },
        'disconnecting an abusive socket',
      );
      socket.disconnect(true);
    }
  };

  const dispatch = (event: ClientEventName, raw: unknown): void => {
    const now = services.clock();
    if (!limits.allow(event, now)) {
      services.metrics.countError(ErrorCode.RateLimited);
      if (limits.shouldWarn(event, now))
        socket.emit('error', {
          code: ErrorCode.RateLimited,
          message: `Too many ${event} events; slow down.`,
          event,
        });
      if (!limits.strike(now)) socket.disconnect(true);
      return;
    }
    const parsed = clientEventSchemas[event].safeParse(raw ?? {});
    if (!parsed.success)
      return misbehaved(ErrorCode.InvalidPayload, describeIssue(parsed.error), event);
    const ctx: HandlerContext = {
      socket,
      services,
      room: currentRoom(socket, services),
      fail: (code, message) => sendError(socket, services.metrics, code, message, event),
    };
    (handlers[event] as (c: HandlerContext, p: unknown) => void)(ctx, parsed.data);
  };

  const link = simulateLink(
    socket,
    linkFor(socket, services),
    services.config.TICK_RATE_HZ,
    realClock,
  );

  const receive = (event: unknown, args: unknown[]): void => {
    if (socket.disconnected) return;
    if (!isClientEventName(event)) {
      return misbehaved(
        ErrorCode.UnknownEvent,
        `Unknown event ${JSON.stringify(String(event).slice(0, 40))}.`,
      );
    }
    try {
      dispatch(event, args[0]);
    } catch (error) {
      services.log.error({ err: error, event, socket: socket.id }, 'handler failed');
      sendError(
        socket,
        services.metrics,
        ErrorCode.Internal,
        'The server could not handle that event.',
        event,
      );
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

  socket.on('disconnect', () => {
    link.close();
    const room = services.membership.get(socket);
    if (!room) return;
    services.membership.delete(socket);
    room.detach(socket);
    services.rooms.lobbyChanged();
  });
}

/** A returning player whose handshake carries a held seat's token gets that seat back. */
export function resumeSession(socket: ArenaSocket, services: GameServices): void {
  const token = (socket.handshake.auth as { sessionToken?: unknown }).sessionToken;
  if (typeof token !== 'string' || token.length === 0 || token.length > 64) return;
  const found = services.rooms.findSeat(token);
  if (!found || found.room.closed) return;
  const previous = found.seat.socket;
  if (previous && previous !== socket) services.membership.delete(previous);
  found.room.resume(found.seat, socket);
  services.membership.set(socket, found.room);
  services.rooms.lobbyChanged();
}

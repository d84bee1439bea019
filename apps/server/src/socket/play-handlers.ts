/** Inputs, chat and clock pings: what a socket sends while it is in a room. */
import { ErrorCode, type ClientPayload } from '@arena/shared/protocol';
import type { HandlerContext, MemberContext } from './handler-context.js';
import { LOBBY_CHANNEL } from './lobby-feed.js';

export function handleInput(ctx: MemberContext, payload: ClientPayload<'player:input'>): void {
  const { seq, buttons, viewTick, viewAheadMs = 0 } = payload;
  const result = ctx.services.rooms.input(ctx.member, { seq, buttons, viewTick, viewAheadMs });
  if (result === 'not-in-room')
    return ctx.fail(ErrorCode.NotInRoom, 'Join a room before sending input.');
  if (result === 'spectator')
    return ctx.fail(ErrorCode.SpectatorCannotPlay, 'Spectators watch; join as a player to play.');
  // Late and repeated inputs are counted, not answered: answering a lagging client's every
  // late packet would only add to its lag.
  if (result === 'reanchored') ctx.services.metrics.inputReanchors += 1;
  else if (result !== 'queued') ctx.services.metrics.inputsDropped += 1;
}

export function handleChat(ctx: MemberContext, payload: ClientPayload<'chat:send'>): void {
  if (!ctx.services.rooms.chat(ctx.member, payload.text))
    ctx.fail(ErrorCode.NotInRoom, 'Join a room before chatting.');
}

export function handlePing(ctx: HandlerContext, payload: ClientPayload<'time:ping'>): void {
  ctx.socket.emit('time:pong', {
    clientTimeMs: payload.clientTimeMs,
    serverTimeMs: ctx.services.clock(),
  });
}

/** The client holds no base for the deltas (it missed the keyframe): its next one is whole. */
export function handleResync(ctx: HandlerContext): void {
  ctx.services.snapshots.needsKeyframe(ctx.member);
}

export function handleLobbySubscribe(ctx: HandlerContext): void {
  void ctx.socket.join(LOBBY_CHANNEL);
  ctx.socket.emit('lobby:rooms', { rooms: ctx.services.lobby.lobbyList() });
}

export function handleLobbyUnsubscribe(ctx: HandlerContext): void {
  void ctx.socket.leave(LOBBY_CHANNEL);
}

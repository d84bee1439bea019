/** Inputs, chat and clock pings: what a socket sends while it is in a room. */
import { ErrorCode, type ClientPayload } from '@arena/shared/protocol';
import type { MemberId } from '../rooms/room-channel.js';
import type { GameServices } from '../services.js';
import { writeFramed } from './framed-write.js';
import type { HandlerContext, MemberContext } from './handler-context.js';
import { LOBBY_CHANNEL } from './lobby-feed.js';
import { framePong } from './pong-frame.js';

/** Why an input was refused, as the error its sender gets. */
export interface InputRefusal {
  code: ErrorCode;
  message: string;
}

const NOT_IN_ROOM: InputRefusal = {
  code: ErrorCode.NotInRoom,
  message: 'Join a room before sending input.',
};
const SPECTATOR: InputRefusal = {
  code: ErrorCode.SpectatorCannotPlay,
  message: 'Spectators watch; join as a player to play.',
};

/** Queues a member's input for its seat's slot; what to answer, if it was refused. */
export function queueInput(
  services: GameServices,
  member: MemberId,
  input: ClientPayload<'player:input'>,
): InputRefusal | undefined {
  const result = services.rooms.input(member, input);
  if (result === 'not-in-room') return NOT_IN_ROOM;
  if (result === 'spectator') return SPECTATOR;
  // Late and repeated inputs are counted, not answered: answering a lagging client's every
  // late packet would only add to its lag.
  if (result === 'reanchored') services.metrics.inputReanchors += 1;
  else if (result !== 'queued') services.metrics.inputsDropped += 1;
  // A late input that made the slots wait was dropped too (its slot was spent on a guess).
  if (result === 'held') services.metrics.inputHolds += 1;
  return undefined;
}

export function handleInput(ctx: MemberContext, payload: ClientPayload<'player:input'>): void {
  const refusal = queueInput(ctx.services, ctx.member, payload);
  if (refusal) ctx.fail(refusal.code, refusal.message);
}

export function handleChat(ctx: MemberContext, payload: ClientPayload<'chat:send'>): void {
  if (!ctx.services.rooms.chat(ctx.member, payload.text))
    ctx.fail(ErrorCode.NotInRoom, 'Join a room before chatting.');
}

export function handlePing(ctx: HandlerContext, payload: ClientPayload<'time:ping'>): void {
  // socket.io's own bytes for this emit, written the short way (pong-frame.ts).
  const pong = { clientTimeMs: payload.clientTimeMs, serverTimeMs: ctx.services.clock() };
  writeFramed(ctx.socket.conn, framePong(pong));
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

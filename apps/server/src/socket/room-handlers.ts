/** Creating, joining, quick play and leaving rooms; the registry keeps who is where. */
import { ErrorCode, type ClientPayload } from '@arena/shared/protocol';
import type { Room } from '../rooms/room.js';
import type { HandlerContext } from './handler-context.js';

function notInARoomAlready(ctx: HandlerContext): boolean {
  if (!ctx.room) return true;
  ctx.fail(ErrorCode.AlreadyInRoom, `You are already in room ${ctx.room.code}; leave it first.`);
  return false;
}

function createRoom(
  ctx: HandlerContext,
  options: { name?: string; isPublic?: boolean },
): Room | null {
  if (ctx.services.shuttingDown) {
    ctx.fail(ErrorCode.ServerShuttingDown, 'The server is restarting; no new rooms.');
    return null;
  }
  const address = ctx.socket.data.address;
  const refusal = ctx.services.roomQuotas.refuseCreation(address, ctx.services.rooms);
  if (refusal) {
    ctx.fail(refusal.code, refusal.message);
    return null;
  }
  const room = ctx.services.rooms.create({ ...options, owner: address });
  if (typeof room === 'string') {
    ctx.fail(room, 'The server runs as many rooms as it may; join an existing one.');
    return null;
  }
  return room;
}

export function handleCreate(ctx: HandlerContext, payload: ClientPayload<'room:create'>): void {
  if (!notInARoomAlready(ctx)) return;
  const room = createRoom(ctx, { name: payload.roomName, isPublic: payload.isPublic });
  if (room) ctx.services.rooms.enterAsPlayer(ctx.member, room, payload.name, payload.color);
}

export function handleJoin(ctx: HandlerContext, payload: ClientPayload<'room:join'>): void {
  if (!notInARoomAlready(ctx)) return;
  const { rooms, roomQuotas } = ctx.services;
  const address = ctx.socket.data.address;
  const refusal = roomQuotas.refuseCodeAttempt(address);
  if (refusal) return ctx.fail(refusal.code, refusal.message);
  const room = rooms.get(payload.code);
  if (!room || room.closed) {
    roomQuotas.countCodeMiss(address);
    return ctx.fail(ErrorCode.RoomNotFound, `No room has the code ${payload.code}.`);
  }
  if (payload.spectate) {
    if (room.spectatorsFull)
      return ctx.fail(ErrorCode.RoomFull, `Room ${room.code} has no place left to watch.`);
    return rooms.enterAsSpectator(ctx.member, room, payload.name);
  }
  if (room.isFull) {
    return ctx.fail(
      ErrorCode.RoomFull,
      `Room ${room.code} is full (${room.options.maxPlayers} players). You can watch instead.`,
    );
  }
  rooms.enterAsPlayer(ctx.member, room, payload.name, payload.color);
}

export function handleQuickPlay(
  ctx: HandlerContext,
  payload: ClientPayload<'room:quickplay'>,
): void {
  if (!notInARoomAlready(ctx)) return;
  const room = ctx.services.rooms.quickPlayRoom() ?? createRoom(ctx, { isPublic: true });
  if (room) ctx.services.rooms.enterAsPlayer(ctx.member, room, payload.name, payload.color);
}

export function handleLeave(ctx: HandlerContext): void {
  if (!ctx.services.rooms.leave(ctx.member))
    ctx.fail(ErrorCode.NotInRoom, 'You are not in a room.');
}

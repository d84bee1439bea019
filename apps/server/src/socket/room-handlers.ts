/** Creating, joining, quick play and leaving rooms; the registry keeps who is where. */
import { ErrorCode, type ClientPayload } from '@arena/shared/protocol';
import type { Room } from '../rooms/room.js';
import type { MemberContext } from './handler-context.js';

export function failAlreadyInRoom(ctx: MemberContext, code: string): void {
  ctx.fail(ErrorCode.AlreadyInRoom, `You are already in room ${code}; leave it first.`);
}

function notInARoomAlready(ctx: MemberContext): boolean {
  if (!ctx.room) return true;
  failAlreadyInRoom(ctx, ctx.room.code);
  return false;
}

function createRoom(
  ctx: MemberContext,
  options: { name?: string; isPublic?: boolean },
): Room | null {
  if (ctx.services.shuttingDown) {
    ctx.fail(ErrorCode.ServerShuttingDown, 'The server is restarting; no new rooms.');
    return null;
  }
  const { address } = ctx;
  const refusal = ctx.services.roomQuotas.refuseCreation(address, ctx.services.rooms);
  if (refusal) {
    ctx.fail(refusal.code, refusal.message);
    return null;
  }
  const room = ctx.services.rooms.create({ ...options, owner: address });
  if (room === ErrorCode.TooManyRooms) {
    ctx.fail(room, 'The server runs as many rooms as it may; join an existing one.');
    return null;
  }
  if (room === ErrorCode.ClusterUnavailable) {
    ctx.fail(room, 'No new rooms for now: the server cannot reach its cluster. Try again soon.');
    return null;
  }
  return room;
}

export function handleCreate(ctx: MemberContext, payload: ClientPayload<'room:create'>): void {
  if (!notInARoomAlready(ctx)) return;
  const room = createRoom(ctx, { name: payload.roomName, isPublic: payload.isPublic });
  if (room) ctx.services.rooms.enterAsPlayer(ctx.member, room, payload.name, payload.color);
}

export function handleJoin(ctx: MemberContext, payload: ClientPayload<'room:join'>): void {
  if (!notInARoomAlready(ctx)) return;
  const { rooms, roomQuotas } = ctx.services;
  const { address } = ctx;
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
  ctx: MemberContext,
  payload: ClientPayload<'room:quickplay'>,
): void {
  if (!notInARoomAlready(ctx)) return;
  const room = ctx.services.rooms.quickPlayRoom() ?? createRoom(ctx, { isPublic: true });
  if (room) ctx.services.rooms.enterAsPlayer(ctx.member, room, payload.name, payload.color);
}

export function handleLeave(ctx: MemberContext): void {
  if (!ctx.services.rooms.leave(ctx.member))
    ctx.fail(ErrorCode.NotInRoom, 'You are not in a room.');
}

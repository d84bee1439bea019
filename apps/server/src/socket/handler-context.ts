/** What each event handler is given: the trusted payload, its socket, and the services. */
import type { ClientEventName, ClientPayload, ErrorCode } from '@arena/shared/protocol';
import type { Room } from '../rooms/room.js';
import type { MemberId } from '../rooms/room-channel.js';
import type { GameServices } from '../services.js';
import type { ArenaSocket } from './types.js';

/**
 * What a handler of a member's room events needs: no socket, so the process that runs the
 * room can handle an event whose socket is connected to another process of a cluster.
 */
export interface MemberContext {
  /** The socket as a member of rooms (its id). */
  member: MemberId;
  /** The address it connects from, as per-address limits count it (client-address.ts). */
  address: string;
  services: GameServices;
  /** The room this member is in here, if any. */
  room: Room | undefined;
  /** Sends `error {code, message, event}` for the event being handled. */
  fail: (code: ErrorCode, message: string) => void;
}

export interface HandlerContext extends MemberContext {
  socket: ArenaSocket;
}

export type Handler<E extends ClientEventName> = (
  ctx: HandlerContext,
  payload: ClientPayload<E>,
) => void;

export type HandlerTable = { [E in ClientEventName]: Handler<E> };

/** What each event handler is given: the trusted payload, its socket, and the services. */
import type { ClientEventName, ClientPayload, ErrorCode } from '@arena/shared/protocol';
import type { Room } from '../rooms/room.js';
import type { MemberId } from '../rooms/room-channel.js';
import type { GameServices } from '../services.js';
import type { ArenaSocket } from './types.js';

export interface HandlerContext {
  socket: ArenaSocket;
  /** The socket as a member of rooms (its id). */
  member: MemberId;
  services: GameServices;
  /** The room this socket is in, if any. */
  room: Room | undefined;
  /** Sends `error {code, message, event}` for the event being handled. */
  fail: (code: ErrorCode, message: string) => void;
}

export type Handler<E extends ClientEventName> = (
  ctx: HandlerContext,
  payload: ClientPayload<E>,
) => void;

export type HandlerTable = { [E in ClientEventName]: Handler<E> };

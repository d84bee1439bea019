/**
 * Every event name and its payload schema. The socket.io event maps are derived from these
 * tables, so adding an event here is the only way to make it typed, validated and routed.
 */
import type { z } from 'zod';
import type { HandshakeAuthPayload } from './schemas.js';
import {
  ChatMessagePayload,
  ChatSendPayload,
  EmptyPayload,
  ErrorPayload,
  LobbyRoomsPayload,
  PlayerConnectionPayload,
  PlayerInputPayload,
  PlayerJoinedPayload,
  PlayerLeftPayload,
  RoomCreatePayload,
  RoomJoinedPayload,
  RoomJoinPayload,
  RoomQuickPlayPayload,
  RoomSpectatorsPayload,
  RoundEndedPayload,
  ServerNoticePayload,
  SnapshotFrame,
  TimePingPayload,
  TimePongPayload,
} from './schemas.js';

/** What a client may send: the client asks. */
export const clientEventSchemas = {
  'room:create': RoomCreatePayload,
  'room:join': RoomJoinPayload,
  'room:quickplay': RoomQuickPlayPayload,
  'room:leave': EmptyPayload,
  'lobby:subscribe': EmptyPayload,
  'lobby:unsubscribe': EmptyPayload,
  'player:input': PlayerInputPayload,
  'chat:send': ChatSendPayload,
  'time:ping': TimePingPayload,
  'state:resync': EmptyPayload,
} as const;

/** What the server sends: the server reports. */
export const serverEventSchemas = {
  'room:joined': RoomJoinedPayload,
  'room:left': EmptyPayload,
  'room:spectators': RoomSpectatorsPayload,
  'player:joined': PlayerJoinedPayload,
  'player:left': PlayerLeftPayload,
  'player:connection': PlayerConnectionPayload,
  'state:snapshot': SnapshotFrame,
  'round:ended': RoundEndedPayload,
  'chat:message': ChatMessagePayload,
  'time:pong': TimePongPayload,
  'lobby:rooms': LobbyRoomsPayload,
  'server:notice': ServerNoticePayload,
  error: ErrorPayload,
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export type ServerEventName = keyof typeof serverEventSchemas;

export type ClientPayload<E extends ClientEventName> = z.output<(typeof clientEventSchemas)[E]>;
export type ServerPayload<E extends ServerEventName> = z.output<(typeof serverEventSchemas)[E]>;

/**
 * Client events that may travel as bytes too (a binary event, docs/PROTOCOL.md §1), and the
 * type of those bytes. The server reads both forms.
 */
export interface ClientBinaryForms {
  /** `encodeInput`'s bytes (input-codec.ts). */
  'player:input': Uint8Array;
}

/**
 * What the client writes before validation (a name may still carry control characters), or the
 * event's binary form.
 */
export type ClientPayloadInput<E extends ClientEventName> =
  | z.input<(typeof clientEventSchemas)[E]>
  | (E extends keyof ClientBinaryForms ? ClientBinaryForms[E] : never);

/** For `Socket<ServerToClientEvents, ClientToServerEvents>` in the client. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayloadInput<E>) => void;
};

/** For `Server<ClientToServerEvents, ServerToClientEvents>` in the server. */
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerPayload<E>) => void;
};

export function isClientEventName(name: unknown): name is ClientEventName {
  return typeof name === 'string' && Object.hasOwn(clientEventSchemas, name);
}

/** What a client puts in socket.io's handshake `auth` (its library adds `pid` and `offset`). */
export type HandshakeAuth = Omit<z.infer<typeof HandshakeAuthPayload>, 'pid' | 'offset'>;

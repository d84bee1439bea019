/**
 * What docs/PROTOCOL.md says, written down once for the rules to check. Nothing here comes from
 * the server's or the shared package's code: a rule that fails means the server and the page
 * disagree. When the wire changes, change the page, then this file (and the rules it breaks).
 */

/** §2: `auth.protocolVersion` must equal the server's exactly. */
export const PROTOCOL_VERSION = 1;

/** §1: the socket.io path and the transports. */
export const SOCKET_PATH = '/socket.io/';

/** §8: the error codes a rule may expect. */
export const Code = {
  InvalidPayload: 'INVALID_PAYLOAD',
  UnknownEvent: 'UNKNOWN_EVENT',
  ProtocolMismatch: 'PROTOCOL_MISMATCH',
  RoomNotFound: 'ROOM_NOT_FOUND',
  NotInRoom: 'NOT_IN_ROOM',
  AlreadyInRoom: 'ALREADY_IN_ROOM',
  SpectatorCannotPlay: 'SPECTATOR_CANNOT_PLAY',
  RateLimited: 'RATE_LIMITED',
} as const;

/** §3: button bits. */
export const Button = { Up: 1, Down: 2, Left: 4, Right: 8, Dash: 16 } as const;

/** §4: room codes. */
export const ROOM_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{5}$/;

/** §7: the snapshot's byte layout. */
export const Snapshot = {
  magic: 0x53,
  codecVersion: 1,
  headerBytes: 21,
  playerBytes: 17,
  coinBytes: 6,
  ackBytes: 6,
  /** Fixed-point: wire value / 16 is pixels (or pixels per second). */
  fixedPointScale: 16,
} as const;

/** §6: after a pause a client that counts on must be heard again within this many inputs. */
export const MAX_INPUTS_UNTIL_HEARD_AFTER_PAUSE = 20;

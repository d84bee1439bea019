/**
 * What docs/PROTOCOL.md says, written down once for the rules to check. Nothing here comes from
 * the server's or the shared package's code: a rule that fails means the server and the page
 * disagree. When the wire changes, change the page, then this file (and the rules it breaks).
 */

/** §2: `auth.protocolVersion` must equal the server's exactly. */
export const PROTOCOL_VERSION = 3;

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

/** §1: binary events, one binary message each: the first byte names the event. */
export const BinaryEvent = { snapshot: 1, input: 2, nameFollows: 0 } as const;

/**
 * §4, binary `player:input`: seq u32, buttons u8, then viewTick u32 and viewAheadMs u16 or
 * neither, little-endian: 5 or 11 bytes after the event's byte.
 */
export const BinaryInput = { bytes: 5, withViewBytes: 11, viewAheadMaxMs: 1000 } as const;

/** How a delta guesses a column from its base (§7, A player's row). */
export type Guess = 'same' | 'countdown' | 'advance' | 'integrate';

/** §7, A player's row: its columns' names, as this suite calls them. */
export type ColumnName =
  | 'vx'
  | 'vy'
  | 'x'
  | 'y'
  | 'buttons'
  | 'dashTicks'
  | 'dashCooldown'
  | 'score'
  | 'connected'
  | 'ack';

/** §7: the snapshot's kinds, codec version and a player's row. */
export const Snapshot = {
  keyframe: 0x4b,
  delta: 0x44,
  codecVersion: 2,
  /** Fixed-point: wire value / 16 is pixels (or pixels per second). */
  fixedPointScale: 16,
  /**
   * A player's row, column by column in the page's order: a column with a negative `min` is a
   * zigzag varint, the rest plain varints; `integrate` moves by the named `velocity` column.
   */
  columns: [
    { name: 'vx', min: -32768, max: 32767, guess: 'same' },
    { name: 'vy', min: -32768, max: 32767, guess: 'same' },
    { name: 'x', min: 0, max: 65535, guess: 'integrate', velocity: 'vx' },
    { name: 'y', min: 0, max: 65535, guess: 'integrate', velocity: 'vy' },
    { name: 'buttons', min: 0, max: 255, guess: 'same' },
    { name: 'dashTicks', min: 0, max: 255, guess: 'countdown' },
    { name: 'dashCooldown', min: 0, max: 65535, guess: 'countdown' },
    { name: 'score', min: 0, max: 65535, guess: 'same' },
    { name: 'connected', min: 0, max: 1, guess: 'same' },
    { name: 'ack', min: 0, max: 2 ** 32 - 1, guess: 'advance' },
  ] satisfies { name: ColumnName; min: number; max: number; guess: Guess; velocity?: ColumnName }[],
} as const;

/** §6: after a pause a client that counts on must be heard again within this many inputs. */
export const MAX_INPUTS_UNTIL_HEARD_AFTER_PAUSE = 20;

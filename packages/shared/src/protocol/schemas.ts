/**
 * One schema per payload. Handlers only ever see values that passed these; the TypeScript
 * event maps in `events.ts` are derived from them, so a type and its check cannot drift.
 */
import { z } from 'zod';
import { ALL_BUTTONS_MASK } from './buttons.js';
import { ErrorCode } from './error-codes.js';
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from './room-code.js';
import { CHAT_MAX_LENGTH, NAME_MAX_LENGTH, ROOM_NAME_MAX_LENGTH, cleanText } from './text.js';

/** A string that is cleaned of control characters, then must have 1..max characters left. */
function plainText(max: number) {
  return z
    .string()
    .max(max * 4)
    .transform(cleanText)
    .pipe(z.string().min(1).max(max));
}

const u32 = z.int().min(0).max(0xffff_ffff);
/** Bound of `player:input.viewAheadMs`; the server judges at most its own extrapolation bound. */
export const VIEW_AHEAD_MAX_MS = 1000;
const playerId = z.int().min(1).max(0xffff);

export const PlayerName = plainText(NAME_MAX_LENGTH);
export const PlayerColor = z.int().min(0).max(0xff_ffff);
export const RoomCode = z
  .string()
  .length(ROOM_CODE_LENGTH)
  .regex(new RegExp(`^[${ROOM_CODE_ALPHABET}]+$`), 'not a room code');

// ---------- client → server ----------

/** Longest session token accepted (the server's own are 24 characters). */
export const SESSION_TOKEN_MAX_LENGTH = 64;
/**
 * The handshake's `stream` for a seat's second connection, which carries the room's snapshots
 * only (a snapshot mirror): a stall on one TCP connection then holds back one copy, not both.
 */
export const SNAPSHOT_MIRROR_STREAM = 'snapshots';

/** socket.io's recovery ids (`pid`, `offset`) are about 20 characters; room to spare. */
const RECOVERY_ID_MAX_LENGTH = 64;

/**
 * The handshake's `auth` object. `pid` and `offset` are socket.io's own: its clients add them
 * to ask for the events missed during a short drop (connection-state recovery).
 */
export const HandshakeAuthPayload = z.strictObject({
  protocolVersion: z.int(),
  /** From an earlier `room:joined`; lets a returning player take back their seat. */
  sessionToken: z.string().min(1).max(SESSION_TOKEN_MAX_LENGTH).optional(),
  /** `snapshots`: this connection is the snapshot mirror of `sessionToken`'s seat. */
  stream: z.literal(SNAPSHOT_MIRROR_STREAM).optional(),
  pid: z.string().max(RECOVERY_ID_MAX_LENGTH).optional(),
  offset: z.string().max(RECOVERY_ID_MAX_LENGTH).optional(),
});

export const RoomCreatePayload = z.strictObject({
  name: PlayerName,
  color: PlayerColor.optional(),
  roomName: plainText(ROOM_NAME_MAX_LENGTH).optional(),
  isPublic: z.boolean().optional(),
});

export const RoomJoinPayload = z.strictObject({
  code: RoomCode,
  name: PlayerName,
  color: PlayerColor.optional(),
  /** Watch instead of play. */
  spectate: z.boolean().optional(),
});

export const RoomQuickPlayPayload = z.strictObject({
  name: PlayerName,
  color: PlayerColor.optional(),
});

export const EmptyPayload = z.strictObject({});

export const PlayerInputPayload = z.strictObject({
  /** Increases by one per client tick; the server acknowledges the last one it applied. */
  seq: u32,
  /** Bit set of `Button`. */
  buttons: z.int().min(0).max(ALL_BUTTONS_MASK),
  /** Server tick the client was rendering other players at (lag compensation). */
  viewTick: u32.optional(),
  /** How far past `viewTick`'s snapshot the client was extrapolating them, in ms. */
  viewAheadMs: z.int().min(0).max(VIEW_AHEAD_MAX_MS).optional(),
});

export const ChatSendPayload = z.strictObject({
  text: plainText(CHAT_MAX_LENGTH),
});

export const TimePingPayload = z.strictObject({
  /** The client's own clock, echoed back untouched. */
  clientTimeMs: z.number().finite(),
});

// ---------- server → client ----------

export const ErrorPayload = z.object({
  code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  /** The event that caused it, when there was one. */
  event: z.string().optional(),
});

export const PlayerInfo = z.object({
  id: playerId,
  name: z.string(),
  color: PlayerColor,
  connected: z.boolean(),
});

export const SimSettings = z.object({
  tickRateHz: z.number().positive(),
  snapshotRateHz: z.number().positive(),
  arenaWidth: z.number().positive(),
  arenaHeight: z.number().positive(),
  roundSeconds: z.number().positive(),
  intermissionSeconds: z.number().positive(),
  /** Ticks the room holds a first input back (its jitter buffer): a client skipping ahead adds it. */
  inputBufferTicks: z.int().min(0),
});

export const RoomJoinedPayload = z.object({
  roomCode: RoomCode,
  roomName: z.string(),
  isPublic: z.boolean(),
  maxPlayers: z.int(),
  role: z.enum(['player', 'spectator']),
  /** 0 for a spectator. */
  selfId: z.int().min(0).max(0xffff),
  /** Present it at the handshake (`auth.sessionToken`) to get this seat back after a drop. */
  sessionToken: z.string(),
  /** True when this join gave back a seat held since a disconnect. */
  resumed: z.boolean(),
  players: z.array(PlayerInfo),
  sim: SimSettings,
  chatHistory: z.array(z.lazy(() => ChatMessagePayload)),
  /** Names of those watching the room (they see its game and read its chat). */
  spectators: z.array(z.string()),
});

export const PlayerJoinedPayload = PlayerInfo;
/** Everyone watching the room now, sent to its members whenever someone starts or stops. */
export const RoomSpectatorsPayload = z.object({ names: z.array(z.string()) });
export const PlayerLeftPayload = z.object({ id: playerId });
export const PlayerConnectionPayload = z.object({ id: playerId, connected: z.boolean() });

export const RoundScore = z.object({ id: playerId, name: z.string(), score: z.int() });
export const RoundEndedPayload = z.object({
  round: z.int(),
  /** Everyone who shares the best score (more than one: a tie); empty when nobody scored. */
  winners: z.array(RoundScore),
  /** The first of `winners`, or null: kept for clients written before ties were told apart. */
  winner: RoundScore.nullable(),
  scoreboard: z.array(RoundScore),
});

export const ChatMessagePayload = z.object({
  from: z.string(),
  fromId: z.int(),
  text: z.string(),
  atMs: z.number(),
});

export const TimePongPayload = z.object({
  clientTimeMs: z.number(),
  serverTimeMs: z.number(),
});

export const LobbyRoom = z.object({
  code: RoomCode,
  name: z.string(),
  players: z.int(),
  maxPlayers: z.int(),
  spectators: z.int(),
  round: z.int(),
  phase: z.enum(['playing', 'intermission']),
  secondsLeft: z.int(),
});
export const LobbyRoomsPayload = z.object({ rooms: z.array(LobbyRoom) });

/** Binary snapshot frame (a keyframe or a delta); read with a `SnapshotDecoder`. */
export const SnapshotFrame = z.custom<ArrayBuffer | Uint8Array>(
  (value) => value instanceof ArrayBuffer || value instanceof Uint8Array,
  'expected a binary frame',
);

export const ServerNoticePayload = z.object({
  code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
});

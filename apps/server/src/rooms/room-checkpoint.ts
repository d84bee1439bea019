/**
 * A room as plain data: everything another process needs to run it on from where it was saved
 * (its world with round and scores, its seats with their session tokens, its chat and who was
 * connected), and nothing it can rebuild (input slots, lag-compensation history). A cluster
 * saves one every second or so and restores it when the room's owner is gone; `parseCheckpoint`
 * checks one read back from the store before any of it is trusted.
 */
import { ChatMessagePayload, RoomCode } from '@arena/shared/protocol';
import type { World } from '@arena/shared/sim';
import { z } from 'zod';

/** Bumped when the shape changes; a process refuses a checkpoint of another version. */
export const CHECKPOINT_VERSION = 1;

const SavedSeat = z.object({
  id: z.int().min(1).max(0xffff),
  name: z.string(),
  color: z.int().min(0).max(0xff_ffff),
  token: z.string().min(1).max(64),
  /** The connection that played in the seat when it was saved; null if it was away. */
  member: z.string().nullable(),
});

const SavedWorld = z.custom<World>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger((value as World).tick) &&
    Array.isArray((value as World).players) &&
    Array.isArray((value as World).coins) &&
    typeof (value as World).config === 'object' &&
    typeof (value as World).round === 'object',
  'not a world',
);

const RoomCheckpointSchema = z.object({
  version: z.literal(CHECKPOINT_VERSION),
  code: RoomCode,
  name: z.string(),
  isPublic: z.boolean(),
  world: SavedWorld,
  seats: z.array(SavedSeat),
  /** Spectators connected when it was saved, with the names they chose. */
  spectators: z.array(z.object({ member: z.string(), name: z.string() })),
  chat: z.array(ChatMessagePayload),
  nextPlayerId: z.int().min(1).max(0xffff),
});

export type RoomCheckpoint = z.output<typeof RoomCheckpointSchema>;
export type SavedSeat = z.output<typeof SavedSeat>;

/** Parses a checkpoint's JSON text; throws with the reason if it is not one this code can run. */
export function parseCheckpoint(text: string): RoomCheckpoint {
  const parsed = RoomCheckpointSchema.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`unusable checkpoint: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
}

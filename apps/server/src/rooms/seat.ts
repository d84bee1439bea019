/**
 * A player's place in a room. It outlives the connection: a dropped player keeps it for a
 * while, and whoever presents its token (the same tab back, or another one) takes it.
 */
import { randomBytes } from 'node:crypto';
import type { MemberId } from './room-channel.js';

export interface Seat {
  id: number;
  name: string;
  color: number;
  /** Secret that gives this seat back after a reconnect. */
  token: string;
  /** The connection playing in this seat; null while its player is away. */
  member: MemberId | null;
  /** The seat's snapshot mirror, a second connection that carries its snapshots; null if none. */
  mirror: MemberId | null;
  /** Cancels the timer that frees the seat once the grace period after a drop runs out. */
  cancelGrace: (() => void) | null;
}

/**
 * A secret (18 random bytes) behind the room's code: any process of a cluster can tell from a
 * token which room to ask for the seat, without an index of tokens.
 */
export function newSessionToken(roomCode: string): string {
  return `${roomCode}.${randomBytes(18).toString('base64url')}`;
}

/** The room a session token was given in, if it looks like one. */
export function roomCodeOfToken(token: string): string | undefined {
  const dot = token.indexOf('.');
  return dot > 0 ? token.slice(0, dot) : undefined;
}

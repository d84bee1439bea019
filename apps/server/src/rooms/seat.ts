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
  /** Cancels the timer that frees the seat once the grace period after a drop runs out. */
  cancelGrace: (() => void) | null;
}

export function newSessionToken(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The read-only `window.__arena` view that browser tests read. Its shape is a contract with
 * tests/e2e: add fields freely, rename or remove none without updating them.
 */
import type { ConnectionStatus } from '../net/game-connection.js';

export interface ArenaTestPlayer {
  readonly id: number;
  readonly name: string;
  /** Where this tab draws the player right now (self: the predicted position). */
  readonly x: number;
  readonly y: number;
  readonly score: number;
}

export interface ArenaTestPoint {
  readonly x: number;
  readonly y: number;
}

export interface ArenaTestView {
  readonly connection: ConnectionStatus;
  /** `websocket` or `polling` while open, else null. */
  readonly transport: string | null;
  /** Null outside a room; 0 for a spectator. */
  readonly selfId: number | null;
  readonly roomCode: string | null;
  readonly players: readonly ArenaTestPlayer[];
  /** Latest predicted tick of self; null outside a room or before the first snapshot. */
  readonly predicted: ArenaTestPoint | null;
  /** Latest server state of self. */
  readonly server: ArenaTestPoint | null;
  /** Snapshots received in the current room. */
  readonly snapshotsReceived: number;
}

declare global {
  interface Window {
    readonly __arena?: ArenaTestView;
  }
}

/** What one snapshot says about a room. The codec turns this into bytes and back. */
import type { PlayerState, RoundPhase } from '../sim/world.js';

/** A player's whole sim state (see player-fields.ts), and whether they are connected. */
export interface SnapshotPlayer extends PlayerState {
  /** False while the player's connection is down and their seat is held. */
  connected: boolean;
}

export interface SnapshotCoin {
  id: number;
  x: number;
  y: number;
}

/** Last input `seq` the server applied for a player: the per-recipient part of a frame. */
export interface SnapshotAck {
  playerId: number;
  seq: number;
}

export interface Snapshot {
  tick: number;
  /** Server clock (ms) when this tick was simulated. */
  serverTimeMs: number;
  round: { number: number; phase: RoundPhase; ticksLeft: number };
  players: SnapshotPlayer[];
  coins: SnapshotCoin[];
  acks: SnapshotAck[];
}

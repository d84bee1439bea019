/** What one snapshot says about a room. The codec turns this into bytes and back. */
import type { RoundPhase } from '../sim/world.js';

export interface SnapshotPlayer {
  id: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
  score: number;
  dashTicks: number;
  dashCooldownTicks: number;
  /** Buttons the server applied last tick (prediction needs it to detect a dash press). */
  lastButtons: number;
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

/** What one snapshot says about a room, and what the encoder reads a room's state from. */
import type { CoinState, PlayerState, RoundPhase, RoundState } from '../sim/world.js';

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

/** Last input `seq` the server applied for a player (0 before its first input). */
export interface SnapshotAck {
  playerId: number;
  seq: number;
}

/** A decoded snapshot: fresh objects the reader may keep. */
export interface Snapshot {
  tick: number;
  /** Server clock (ms) when this tick was simulated. */
  serverTimeMs: number;
  round: { number: number; phase: RoundPhase; ticksLeft: number };
  players: SnapshotPlayer[];
  coins: SnapshotCoin[];
  /** One per player, in player order. */
  acks: SnapshotAck[];
}

/**
 * What the encoder reads: a room's world as it is (the server passes its own, nothing copied),
 * plus what the room knows about each player beyond the sim.
 */
export interface SnapshotSource {
  readonly tick: number;
  readonly round: Readonly<RoundState>;
  /** Ascending by id. */
  readonly players: readonly Readonly<PlayerState>[];
  readonly coins: readonly Readonly<CoinState>[];
  connected(playerId: number): boolean;
  ackedSeq(playerId: number): number;
}

/** One snapshot as the stream sends it: a delta for members that hold the previous one. */
export interface EncodedSnapshot {
  tick: number;
  /** The tick of the previous snapshot, which `delta` applies to; undefined for the first. */
  baseTick: number | undefined;
  delta: Uint8Array | undefined;
  /** The whole state at `tick`, for members that hold no base; encoded on the first call. */
  keyframe(): Uint8Array;
}

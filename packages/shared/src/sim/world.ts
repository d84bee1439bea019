/** The state of one room's game. Plain data: it can be cloned, compared and checkpointed. */
import type { SimConfig } from './config.js';

export interface PlayerState {
  id: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
  score: number;
  /** Ticks left in the current dash, counting the one just simulated (0 = not dashing). */
  dashTicks: number;
  /** Ticks until the next dash is allowed. */
  dashCooldownTicks: number;
  /** Buttons applied last tick; a dash starts on a press, not while held. */
  lastButtons: number;
}

export interface CoinState {
  id: number;
  x: number;
  y: number;
}

export const RoundPhase = { Playing: 'playing', Intermission: 'intermission' } as const;
export type RoundPhase = (typeof RoundPhase)[keyof typeof RoundPhase];

export interface RoundState {
  number: number;
  phase: RoundPhase;
  ticksLeft: number;
}

/** Things that happened during one step, for sounds, HUD and server messages. */
export type SimEvent =
  | { type: 'coin-picked'; playerId: number; coinId: number }
  | { type: 'dash-hit'; attackerId: number; victimId: number; stoleCoin: boolean }
  | { type: 'round-ended'; round: number; scores: { id: number; score: number }[] }
  | { type: 'round-started'; round: number };

export interface World {
  config: SimConfig;
  tick: number;
  rngState: number;
  /** Sorted by id, so every iteration order is the same on every machine. */
  players: PlayerState[];
  coins: CoinState[];
  nextCoinId: number;
  round: RoundState;
  /** What happened in the step that produced this world. */
  events: SimEvent[];
}

export function cloneWorld(world: World): World {
  return {
    ...world,
    players: world.players.map((p) => ({ ...p })),
    coins: world.coins.map((c) => ({ ...c })),
    round: { ...world.round },
    events: [],
  };
}

export function findPlayer(world: World, id: number): PlayerState | undefined {
  return world.players.find((p) => p.id === id);
}

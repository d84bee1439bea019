/**
 * The player on the wire: one row per field of the sim's `PlayerState`, in snapshot order,
 * with how it is stored and how a delta snapshot predicts it. The snapshot codec reads and
 * writes players from this table, the snapshot's player type is `PlayerState` plus
 * `connected`, and prediction copies a player out of a snapshot with `playerStateOf`. So a new
 * field of the game is one row here (and a line in docs/PROTOCOL.md), not an edit in every
 * place that moves players around.
 */
import { POSITION_SCALE, VELOCITY_SCALE } from '../sim/quantize.js';
import type { PlayerState } from '../sim/world.js';

/**
 * How a delta snapshot guesses a field from the previous snapshot, so that only the guess's
 * error travels (and nothing at all when the guess is right):
 * - `same`: unchanged;
 * - `countdown`: one less per tick elapsed, never below 0 (dash and cooldown timers);
 * - `integrate`: moved by its velocity field over the ticks elapsed (positions);
 * - `advance`: one more per tick elapsed, unless 0 (a player's acknowledged input `seq`: one
 *   input slot is spent per tick once the player has sent its first input).
 */
export const Predict = {
  Same: 'same',
  Countdown: 'countdown',
  Integrate: 'integrate',
  Advance: 'advance',
} as const;
export type Predict = (typeof Predict)[keyof typeof Predict];

export interface PlayerField {
  name: Exclude<keyof PlayerState, 'id'>;
  /** On the wire as round(value × scale), an integer in [min, max] (clamped, never wrapped). */
  scale: number;
  min: number;
  max: number;
  predict: Predict;
  /** For `integrate`: the velocity field (per second, same scale) that moves this one. */
  velocity?: Exclude<keyof PlayerState, 'id'>;
}

const U8 = { min: 0, max: 0xff };
const U16 = { min: 0, max: 0xffff };
const I16 = { min: -0x8000, max: 0x7fff };

/**
 * Velocities come before the positions they move: a delta's position guess uses the new
 * velocity. The most often changing fields come first, so a delta's change mask (one bit per
 * row, in this order) usually fits in one byte.
 */
export const PLAYER_FIELDS = [
  { name: 'vx', scale: VELOCITY_SCALE, ...I16, predict: Predict.Same },
  { name: 'vy', scale: VELOCITY_SCALE, ...I16, predict: Predict.Same },
  { name: 'x', scale: POSITION_SCALE, ...U16, predict: Predict.Integrate, velocity: 'vx' },
  { name: 'y', scale: POSITION_SCALE, ...U16, predict: Predict.Integrate, velocity: 'vy' },
  { name: 'lastButtons', scale: 1, ...U8, predict: Predict.Same },
  { name: 'dashTicks', scale: 1, ...U8, predict: Predict.Countdown },
  { name: 'dashCooldownTicks', scale: 1, ...U16, predict: Predict.Countdown },
  { name: 'score', scale: 1, ...U16, predict: Predict.Same },
] as const satisfies readonly PlayerField[];

/**
 * Every field of `PlayerState` but the id (a snapshot's key) must have a row: clients predict
 * with the whole state. A field without one fails to compile here, and the error names it.
 */
type Unlisted = Exclude<keyof PlayerState, 'id' | (typeof PLAYER_FIELDS)[number]['name']>;
type MustBeEmpty<T extends never> = T;
export type PlayerFieldsCoverPlayerState = MustBeEmpty<Unlisted>;

/** The sim's state of a player, out of anything that carries it (a snapshot's player). */
export function playerStateOf(p: PlayerState): PlayerState {
  const state: Partial<Record<keyof PlayerState, number>> = { id: p.id };
  for (const { name } of PLAYER_FIELDS) state[name] = p[name];
  return state as PlayerState;
}

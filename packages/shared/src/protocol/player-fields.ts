/**
 * The player on the wire: one row per field of the sim's `PlayerState`, in snapshot order,
 * with how it is stored. The snapshot codec reads and writes players from this table, the
 * snapshot's player type is `PlayerState` plus `connected`, and prediction copies a player out
 * of a snapshot with `playerStateOf`. So a new field of the game is one row here (and its
 * bytes in docs/PROTOCOL.md), not an edit in every place that moves players around.
 */
import { POSITION_SCALE, VELOCITY_SCALE } from '../sim/quantize.js';
import type { PlayerState } from '../sim/world.js';
import { WireType } from './wire-numbers.js';

export interface PlayerField {
  name: keyof PlayerState;
  type: WireType;
  /** Stored as value × scale. Positions and velocities travel in sixteenths of a pixel, the
   * sim's own grid, so nothing is lost. */
  scale?: number;
}

export const PLAYER_FIELDS = [
  { name: 'id', type: WireType.U16 },
  { name: 'x', type: WireType.U16, scale: POSITION_SCALE },
  { name: 'y', type: WireType.U16, scale: POSITION_SCALE },
  { name: 'vx', type: WireType.I16, scale: VELOCITY_SCALE },
  { name: 'vy', type: WireType.I16, scale: VELOCITY_SCALE },
  { name: 'score', type: WireType.U16 },
  { name: 'dashTicks', type: WireType.U8 },
  { name: 'dashCooldownTicks', type: WireType.U16 },
  { name: 'lastButtons', type: WireType.U8 },
] as const satisfies readonly PlayerField[];

/**
 * Every field of `PlayerState` must have a row: clients predict with the whole state. A field
 * without one fails to compile here, and the error names it.
 */
type Unlisted = Exclude<keyof PlayerState, (typeof PLAYER_FIELDS)[number]['name']>;
type MustBeEmpty<T extends never> = T;
export type PlayerFieldsCoverPlayerState = MustBeEmpty<Unlisted>;

/** The sim's state of a player, out of anything that carries it (a snapshot's player). */
export function playerStateOf(p: PlayerState): PlayerState {
  const state: Partial<Record<keyof PlayerState, number>> = {};
  for (const { name } of PLAYER_FIELDS) state[name] = p[name];
  return state as PlayerState;
}

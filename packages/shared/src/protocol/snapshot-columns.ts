/**
 * A snapshot's player as wire integers: the columns of the player field table, then the two
 * things a snapshot says about a player that the sim does not know (connected, and the last
 * input `seq` the server applied for it). Encoder and decoder both guess each column of a delta
 * with `predictColumn`; only the difference between guess and truth travels.
 */
import { PLAYER_FIELDS, Predict, type PlayerField } from './player-fields.js';

export interface Column {
  name: string;
  scale: number;
  min: number;
  max: number;
  predict: Predict;
  /** For `integrate`: the column of its velocity (it comes earlier in the row). */
  velocityColumn: number;
}

function column(field: Omit<PlayerField, 'name'> & { name: string }): Column {
  const velocityColumn = PLAYER_FIELDS.findIndex((f) => f.name === field.velocity);
  return { ...field, velocityColumn };
}

export const COLUMNS: readonly Column[] = [
  ...PLAYER_FIELDS.map(column),
  column({ name: 'connected', scale: 1, min: 0, max: 1, predict: Predict.Same }),
  column({ name: 'ackedSeq', scale: 1, min: 0, max: 0xffff_ffff, predict: Predict.Advance }),
];

export const COLUMN_COUNT = COLUMNS.length;
export const CONNECTED_COLUMN = COLUMN_COUNT - 2;
export const ACKED_SEQ_COLUMN = COLUMN_COUNT - 1;

/** A number as its column's wire integer: scaled, rounded, clamped; NaN is 0. */
export function toWire(c: Column, value: number): number {
  const scaled = Math.round(value * c.scale);
  if (Number.isNaN(scaled)) return 0;
  return Math.min(c.max, Math.max(c.min, scaled)) + 0;
}

/**
 * `numerator / denominator` rounded half up, in integers only (`denominator` > 0), so that a
 * decoder in any language computes exactly the same guess.
 */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * The guess for column `c` of a player `ticks` ticks after `prev`, where `next` already holds
 * the new values of the columns before `c`.
 */
export function predictColumn(
  c: number,
  prev: readonly number[],
  next: readonly number[],
  ticks: number,
  tickRateHz: number,
): number {
  const col = COLUMNS[c]!;
  const before = prev[c]!;
  switch (col.predict) {
    case Predict.Same:
      return before;
    case Predict.Countdown:
      return Math.max(0, before - ticks);
    case Predict.Advance:
      return before === 0 ? 0 : before + ticks;
    case Predict.Integrate:
      return before + divRoundHalfUp(next[col.velocityColumn]! * ticks, tickRateHz);
  }
}

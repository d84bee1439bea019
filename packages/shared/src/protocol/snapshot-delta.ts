/**
 * What a delta snapshot is made of, for the encoder and the decoder alike: which sections it
 * carries (one flag bit each), the guess for the server time, and the residual of a column
 * (truth minus guess). Layout: docs/PROTOCOL.md §7.
 */
import { divRoundHalfUp, predictColumn } from './snapshot-columns.js';
import { TIME_SCALE } from './snapshot-state.js';

export const DeltaFlag = {
  Round: 1,
  PlayersLeft: 2,
  PlayersJoined: 4,
  PlayersChanged: 8,
  CoinsRemoved: 16,
  CoinsAdded: 32,
} as const;
/** Bits 6 and 7 are not used: a delta that sets one is refused. */
export const KNOWN_DELTA_FLAGS = 63;

export function deltaFlags(
  round: boolean,
  left: number,
  joined: number,
  changed: number,
  coinsRemoved: number,
  coinsAdded: number,
): number {
  return (
    (round ? DeltaFlag.Round : 0) |
    (left > 0 ? DeltaFlag.PlayersLeft : 0) |
    (joined > 0 ? DeltaFlag.PlayersJoined : 0) |
    (changed > 0 ? DeltaFlag.PlayersChanged : 0) |
    (coinsRemoved > 0 ? DeltaFlag.CoinsRemoved : 0) |
    (coinsAdded > 0 ? DeltaFlag.CoinsAdded : 0)
  );
}

/** The server time `ticks` ticks after `time16`, at the tick rate: the delta sends the rest. */
export function timeGuess16(time16: number, ticks: number, tickRateHz: number): number {
  return time16 + divRoundHalfUp(ticks * 1000 * TIME_SCALE, tickRateHz);
}

/** Truth minus guess for column `c`; `after` holds the new values of the earlier columns. */
export function columnResidual(
  c: number,
  before: readonly number[],
  after: readonly number[],
  ticks: number,
  tickRateHz: number,
): number {
  return after[c]! - predictColumn(c, before, after, ticks, tickRateHz);
}

/** Residuals are at most this large either way (a guess can be far off after a long gap). */
export const MAX_RESIDUAL = 2 ** 34 - 1;

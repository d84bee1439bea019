/**
 * What one player's input slot gives a tick (`InputSlots.takeInto`): the buttons to run, the
 * slot acknowledged, the attacker's view for lag compensation, and how the slot came to be
 * (guessed, after dropped slots, with a carried press, or doubled with the one before it).
 */
export interface TakenInput {
  /** The slot spent this tick: what the snapshot acknowledges. */
  seq: number;
  buttons: number;
  /** Tick the client was drawing other players at (lag compensation). */
  viewTick: number | undefined;
  /** How far past `viewTick` the client was extrapolating them (ms; 0: interpolating). */
  viewAheadMs: number;
  /** True when the input had not arrived and the last buttons were repeated. */
  guessed: boolean;
  /** Slots dropped just before this one to shorten the buffer (their inputs never ran). */
  skippedBefore: number;
  /** A late input's dash press was added to this slot: the client predicted it earlier. */
  carriedPress: boolean;
  /** The slot before this one (`seq - 1`) runs first, in the same tick: a double step. */
  doubled: boolean;
  /** That slot's buttons, when `doubled`. */
  firstButtons: number;
  /** When this slot's input arrived (the clock `InputSlots.receive` was given); not when guessed. */
  arrivedAtMs: number;
  /** When the slot before it arrived, when `doubled`. */
  firstArrivedAtMs: number;
}

/**
 * Whether running the slots with `first` and then `second` in one tick would go unseen (the
 * server's rule: no dash, no faster move than the player can make in a tick).
 */
export type DoubleStepCheck = (first: number, second: number) => boolean;

/** A `TakenInput` to be written by `InputSlots.takeInto`. */
export function emptyTakenInput(): TakenInput {
  return {
    seq: 0,
    buttons: 0,
    viewTick: undefined,
    viewAheadMs: 0,
    guessed: false,
    skippedBefore: 0,
    carriedPress: false,
    doubled: false,
    firstButtons: 0,
    arrivedAtMs: 0,
    firstArrivedAtMs: 0,
  };
}

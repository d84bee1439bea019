/** What `InputSlots` did with a player's inputs since it was made (for tests and tools). */
export interface InputSlotsStats {
  received: number;
  applied: number;
  guessed: number;
  /** Inputs that arrived after their slot was spent (and were ignored). */
  late: number;
  /** Slots dropped because inputs sat in the buffer longer than needed. */
  skipped: number;
  /** Times the slots were moved back onto a client whose inputs kept landing behind them. */
  reanchored: number;
  /** Times the slots waited because a client's inputs landed a few slots late. */
  held: number;
  /** Dash presses that came in a late input and were carried to the next slot. */
  latePressesCarried: number;
  /** Slots run early, two in one tick, because inputs sat in the buffer a tick too long. */
  doubled: number;
}

export function noInputSlotsStats(): InputSlotsStats {
  return {
    received: 0,
    applied: 0,
    guessed: 0,
    late: 0,
    skipped: 0,
    reanchored: 0,
    held: 0,
    latePressesCarried: 0,
    doubled: 0,
  };
}

/**
 * One press is never lost to lateness: a dash. A tap lasts one input, so if that input misses
 * its slot the guess (the buttons before) has no press in it and the dash would simply not
 * happen; a slow device whose frames come further apart than the buffer loses taps that way.
 * A late input that pressed Dash where its slot's guess did not carries the press to the next
 * slot: the dash comes a few ticks late (the client corrects once) instead of never. If that
 * slot is guessed too, it takes the late input's buttons whole, since a dash goes where its
 * keys point and the guess (older buttons) may point elsewhere or nowhere. Only an input for a
 * slot that was guessed, once: a repeated or backwards seq of a slot that ran still does
 * nothing at all.
 *
 * This is the memory it takes: the buttons guessed for recent slots, and the press waiting
 * for the next slot.
 */
import { Button } from '../protocol/buttons.js';

/** Guessed slots remembered for their late input's dash press (3 s at 30 Hz). */
const GUESSES_REMEMBERED = 90;

export class LatePresses {
  /** seq → the buttons guessed for it, for recent slots whose input had not arrived. */
  private readonly guesses = new Map<number, number>();
  /** The buttons of a late input that pressed Dash where its slot's guess did not. */
  private press: number | undefined;

  /** Whether a press waits for the next slot. */
  get pending(): boolean {
    return this.press !== undefined;
  }

  /** Slot `seq` was spent on a guess of `buttons`. */
  guessed(seq: number, buttons: number): void {
    // Slots are spent in order, so the oldest guesses come first: drop those out of reach.
    for (const old of this.guesses.keys()) {
      if (old > seq - GUESSES_REMEMBERED) break;
      this.guesses.delete(old);
    }
    this.guesses.set(seq, buttons);
  }

  /** The input of slot `seq` came after its slot was spent (on a guess, or on itself). */
  arrivedLate(seq: number, buttons: number): void {
    const guessed = this.guesses.get(seq);
    if (guessed === undefined) return;
    this.guesses.delete(seq);
    if ((buttons & Button.Dash) !== 0 && (guessed & Button.Dash) === 0) this.press = buttons;
  }

  /**
   * The slot's buttons, with a press a late input carried over (once). An input of its own is
   * newer than the late one, so it keeps its direction; a guess is older, so it gives way.
   */
  onto(buttons: number, guessed: boolean): number {
    const late = this.press;
    if (late === undefined) return buttons;
    this.press = undefined;
    return guessed ? late : buttons | Button.Dash;
  }

  /** The slots were moved (a re-anchor): the guessed seqs no longer name slots to come. */
  forgetGuesses(): void {
    this.guesses.clear();
  }

  clear(): void {
    this.guesses.clear();
    this.press = undefined;
  }
}

/**
 * How deep one player's input buffer should be, following its link. `InputSlots` spends one
 * slot per tick; this decides when to drop slots (the link is cleaner than the room's buffer
 * assumes) and when to hold them (its inputs come late).
 *
 * - **Shrink on a clean link.** A link whose inputs all arrived with the same lead, give or
 *   take `spread` ticks, over the last 10 s needs no more buffer than that spread (the late
 *   tail it has not shown yet is about as wide again as the one it has), and at least the
 *   least buffer. A link whose inputs keep their beat to within a third of a tick over its
 *   first 3 s is weighed then, once, rather than after 10 s (`firstLookEnough`). So a clean
 *   link plays with one tick of input delay instead of the room's two, and a jittery link
 *   keeps the room's buffer. Slots are dropped only while the player stands idle and at
 *   rest: its inputs there press nothing, so running the next one a tick early changes
 *   nothing the server or the client's prediction computes, and nobody sees a correction. A
 *   player who never stops gives the slot up in a double step instead (`InputSlots`: two
 *   slots run in one tick where nobody can see it, `steppedThrough`).
 * - **Grow back at once.** The first late input on a shrunk buffer gives a tick back (the
 *   slots wait one tick), and the link must show 10 clean seconds again before it shrinks.
 * - **Hold for a slower link.** A link that got slower for good (a longer route, a phone off
 *   Wi-Fi) lands every input a slot or a few late: all ignored, the player moving on guesses
 *   for ever, and too few slots behind for a re-anchor. So when late inputs come on enough
 *   ticks in a row and none in time, the slots wait as many ticks as the inputs are late plus
 *   the room's buffer. Holding re-runs nothing and the ack does not go back: the player only
 *   stands still that long, and its client corrects once.
 */
import { LeadHistory } from './lead-history.js';
import { LateTickStreak } from './late-tick-streak.js';

/**
 * Late inputs on this many ticks in a row, none in time: the link got slower for good (half a
 * second at 30 Hz). Jitter leaves some inputs in time, and a stall's burst arrives within a
 * tick or two, so neither holds anything.
 */
export const HOLD_AFTER_LATE_TICKS = 15;
/** Leads weighed before the buffer shrinks below the room's (10 s at 30 Hz)... */
const SPREAD_WINDOW = 300;
/** ...and how often they are weighed (once a second at 30 Hz). */
const SPREAD_CHECK_TICKS = 30;
/**
 * A first look, once, when the slots start over: after 3 s of leads, on a link whose inputs
 * all arrived within a third of a tick of their beat (each one's arrival less its seq's
 * ticks). A lead is whole ticks, so it cannot tell a link that keeps its beat to 3 ms but
 * sits at a tick's edge (its leads spread over one tick) from one that jitters by 30 ms; the
 * milliseconds can. Three times such a spread, for the tail 3 s have not shown, still fits in
 * a tick, and the player need not spend its first 10 s a tick behind. (Half a tick let 7 of
 * 200 bench bots shrink too early and give the tick back; a third, none.)
 */
const FIRST_LOOK_LEADS = 90;

export class BufferDepth {
  private readonly minBufferTicks: number;
  /** Every in-time input's lead over the last 10 s. */
  private readonly leads = new LeadHistory(SPREAD_WINDOW);
  private ticksSinceCheck = 0;
  /** Ticks of the room's buffer this link has given up. */
  private shrunkBy = 0;
  /** Slots the last weighing found surplus, to drop at the next harmless moment. */
  private surplus = 0;
  /** Whether the first look since the slots started over is spent (or ruled out). */
  private firstLookTaken = false;
  /** The earliest and latest arrival against the inputs' beat since then, in ms. */
  private beatEarliestMs = Number.POSITIVE_INFINITY;
  private beatLatestMs = Number.NEGATIVE_INFINITY;
  /** Late inputs since the last in time, and the most slots behind of them. */
  private readonly lateTicks = new LateTickStreak();
  private mostBehind = 0;

  constructor(
    private readonly bufferTicks: number,
    minBufferTicks: number,
    /** A tick's length: a third of it is the most beat jitter a first look accepts. */
    private readonly tickMs: number,
  ) {
    this.minBufferTicks = Math.min(minBufferTicks, bufferTicks);
  }

  newTick(): void {
    this.lateTicks.newTick();
  }

  /**
   * An input arrived in time, `lead` ticks before its slot, `beatMs` after its beat (its
   * arrival less its seq's ticks: constant on a link that neither jitters nor skips).
   */
  arrived(lead: number, beatMs: number): void {
    this.leads.push(lead);
    this.beatEarliestMs = Math.min(this.beatEarliestMs, beatMs);
    this.beatLatestMs = Math.max(this.beatLatestMs, beatMs);
    this.lateTicks.broken();
    this.mostBehind = 0;
  }

  /** An input arrived `slotsBehind` slots late. Returns the ticks to hold the slots (0: none). */
  late(slotsBehind: number): number {
    this.surplus = 0;
    this.firstLookTaken = true; // a late input: not a link to trust on 3 s
    if (this.shrunkBy > 0) {
      this.shrunkBy -= 1;
      this.leads.clear();
      this.ticksSinceCheck = 0;
      return 1;
    }
    this.mostBehind = Math.max(this.mostBehind, slotsBehind);
    if (this.lateTicks.late() < HOLD_AFTER_LATE_TICKS) return 0;
    const holdTicks = this.mostBehind + this.bufferTicks;
    this.restart();
    this.firstLookTaken = true; // a link that just got slower has not shown its new spread
    return holdTicks;
  }

  /**
   * Called on a tick that spends a slot. Returns the slots to drop now (0: none), when
   * `harmless(slots)` says dropping that many changes nothing.
   */
  surplusSlots(harmless: (slots: number) => boolean): number {
    if (this.minBufferTicks >= this.bufferTicks) return 0;
    this.ticksSinceCheck += 1;
    if (this.ticksSinceCheck >= SPREAD_CHECK_TICKS && (this.leads.full || this.firstLookEnough())) {
      this.ticksSinceCheck = 0;
      this.surplus = this.weigh();
    }
    if (this.surplus === 0 || !harmless(this.surplus)) return 0;
    const slots = this.surplus;
    this.surplus = 0;
    this.shrunkBy += slots;
    return slots;
  }

  /** Whether the last weighing found slots to drop that no harmless moment has taken yet. */
  get surplusPending(): boolean {
    return this.surplus > 0;
  }

  /**
   * One surplus slot was stepped through (two slots ran in one tick, unseen) instead of
   * dropped at rest: the buffer is a tick shorter, and a late input gives the tick back.
   */
  steppedThrough(): void {
    this.surplus -= 1;
    this.shrunkBy += 1;
    this.leads.drop(1);
  }

  /** Whether the first look may weigh the leads in hand now; true at most once per start. */
  private firstLookEnough(): boolean {
    if (this.firstLookTaken || this.leads.size < FIRST_LOOK_LEADS) return false;
    this.firstLookTaken = true;
    return this.beatLatestMs - this.beatEarliestMs <= this.tickMs / 3;
  }

  /** Slots more than the link needs: its leads' smallest beyond their spread (and the least). */
  private weigh(): number {
    const { smallest, spread } = this.leads.range();
    const needed = Math.max(this.minBufferTicks, spread);
    return needed >= this.bufferTicks || smallest <= needed ? 0 : smallest - needed;
  }

  /** Slots were dropped, by any rule: every lead recorded so far is that much shorter. */
  dropped(slots: number): void {
    this.leads.drop(slots);
  }

  /** The slots start over at the room's buffer (a first input, a re-anchor, a hold). */
  restart(): void {
    this.leads.clear();
    this.ticksSinceCheck = 0;
    this.shrunkBy = 0;
    this.surplus = 0;
    this.firstLookTaken = false;
    this.beatEarliestMs = Number.POSITIVE_INFINITY;
    this.beatLatestMs = Number.NEGATIVE_INFINITY;
    this.lateTicks.clear();
    this.mostBehind = 0;
  }
}

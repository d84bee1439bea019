/**
 * The server's side of prediction: one input slot per tick. Input `seq` n is applied on the
 * n-th tick after the player's first input (plus a small buffer that absorbs jitter). When a
 * tick comes and its input has not arrived (jitter, a stall), the server guesses: the last
 * buttons again, including a held dash bit, so a held key keeps doing what it did. The slot
 * is spent either way and acknowledged; the late input is then ignored.
 *
 * Why slots and not "take the next queued input": a queue that repeats the last input on a
 * miss and applies the late one afterwards has run one tick more than the client for every
 * miss, so the client must correct each time, even when the player just held a key. With
 * slots, a held key through a stall costs nothing: the guess was right, the client's replay
 * lands exactly where it predicted. Only a key that changed during the stall is mispredicted,
 * and only by the ticks it was late.
 *
 * A client whose inputs keep arriving after their slots (it paused and then went on counting
 * from where it stopped, or its clock runs slow) would never be heard again. So when late
 * inputs land on several ticks in a row and none in time, the slots are re-anchored on the
 * newest one, as if it were a first input: the client is back in step within a fraction of a
 * second, whatever it knows about the catch-up rule. The ack then goes back to the client's
 * own numbering (a `Predictor` replays the inputs it had seen acknowledged). A burst of late
 * inputs after a stall of the link arrives within a tick, so it never re-anchors anyone.
 *
 * The buffer follows the link (`BufferDepth`): slots are dropped on a link cleaner than the
 * room's buffer assumes, down to `minBufferTicks`, and held when a link got slower for good.
 *
 * A buffer deeper than the room's by a tick (the first input came a little late, a hold
 * overshot) is trimmed without dropping an input: two slots run in one tick (a double step), at
 * a moment the caller judges unseen, so the client's prediction lands exactly and nobody
 * sees the player move faster than it can. Dropping the slot instead would cost the client
 * a correction whenever the player moves.
 *
 * One press is never lost to lateness: a dash (`LatePresses`).
 */
import { DEFAULT_SIM_CONFIG } from '../sim/config.js';
import { ticksToComeToRest } from '../sim/movement.js';
import { BufferDepth } from './buffer-depth.js';
import { EarlyLeads } from './early-leads.js';
import {
  INPUT_BUFFER_MIN_TICKS,
  INPUT_BUFFER_TICKS,
  MAX_INPUT_BACKLOG_TICKS,
  type BufferDepthOptions,
} from './input-buffer-limits.js';
import { noInputSlotsStats, type InputSlotsStats } from './input-slots-stats.js';
import { LateTickStreak } from './late-tick-streak.js';
import { LatePresses } from './late-presses.js';
import { QueuedInputs } from './queued-inputs.js';
import { emptyTakenInput, type DoubleStepCheck, type TakenInput } from './taken-input.js';

/** Arrivals watched to decide the buffer is deeper than the link needs (2 s at 30 Hz). */
const LEAD_WINDOW = 60;
/** Every input of the window this many ticks early beyond the buffer: drop the surplus. */
const SURPLUS_TICKS = 2;
/** Every input of 5 s this many ticks early beyond the buffer: run two slots in a tick. */
const DOUBLE_STEP_SURPLUS_TICKS = 1;
/**
 * Arrivals watched before a double step (5 s at 30 Hz). Two seconds would trim, between a
 * jittery link's stalls, the tick its next late input needs (netlab's `badMobile`: 0.8 points
 * more inputs guessed); five leave every netlab figure as it was, and keep most of the wait
 * two seconds save the bench's bots (docs/PERFORMANCE.md).
 */
const DOUBLE_STEP_WINDOW = 150;
/** `EarlyLeads` marks: a surplus to drop, a surplus to step through twice. */
const DROP_MARK = 0;
const DOUBLE_STEP_MARK = 1;
/**
 * Late inputs on this many ticks in a row, none in time between them: the client has lost
 * step and the slots are re-anchored on it (200 ms at 30 Hz). A client that knows the catch-up
 * rule skips ahead within one round trip of a pause, sending its late inputs in one burst.
 */
export const REANCHOR_AFTER_LATE_TICKS = 6;
/**
 * Only inputs at least this many slots behind count towards a re-anchor. Jitter makes inputs
 * a slot or two late now and then; re-running slots a predicting client has already seen
 * acknowledged would cost it a correction for each, and that client catches up by itself.
 */
export const REANCHOR_MIN_BEHIND_SLOTS = 5;

export class InputSlots {
  private readonly queued: QueuedInputs;
  private nextSeq: number | undefined;
  private holdTicks = 0;
  private lastButtons = 0;
  private lastViewTick: number | undefined;
  private lastViewAheadMs = 0;
  /** How many ticks early each recent input arrived (ticks until its slot is spent). */
  private readonly early: EarlyLeads;
  private skippedSinceTake = 0;
  /** Late inputs (far enough behind to count towards a re-anchor) since the last in time. */
  private readonly lateTicks = new LateTickStreak();
  private readonly latePresses = new LatePresses();
  private readonly depth: BufferDepth;
  private readonly restTicks: number;
  private readonly tickMs: number;
  /** Slots spent in a row with no button pressed. */
  private idleTicks = 0;
  /** The last slot spent; 0 before the first. */
  ackedSeq = 0;
  readonly stats: InputSlotsStats = noInputSlotsStats();

  constructor(
    private readonly bufferTicks = INPUT_BUFFER_TICKS,
    /** Slots a client may run ahead before the oldest are dropped (what a skip can cost). */
    readonly maxBacklog = MAX_INPUT_BACKLOG_TICKS,
    depthOptions: BufferDepthOptions = {},
  ) {
    const { minBufferTicks = INPUT_BUFFER_MIN_TICKS } = depthOptions;
    this.queued = new QueuedInputs(maxBacklog + 1);
    this.tickMs = depthOptions.tickMs ?? 1000 / DEFAULT_SIM_CONFIG.tickRateHz;
    this.depth = new BufferDepth(bufferTicks, minBufferTicks, this.tickMs);
    this.restTicks = depthOptions.restTicks ?? ticksToComeToRest(DEFAULT_SIM_CONFIG);
    const marks = [bufferTicks + SURPLUS_TICKS, bufferTicks + DOUBLE_STEP_SURPLUS_TICKS];
    this.early = new EarlyLeads(DOUBLE_STEP_WINDOW, marks);
  }

  /** An input arrived. Returns whether it will be used, and whether the slots moved for it. */
  receive(
    seq: number,
    buttons: number,
    viewTick?: number,
    viewAheadMs = 0,
    /** When it arrived, on the caller's clock: handed back with its slot (`TakenInput`). */
    arrivedAtMs = 0,
  ): 'queued' | 'reanchored' | 'late' | 'held' | 'duplicate' {
    this.stats.received += 1;
    if (this.nextSeq === undefined) {
      this.nextSeq = seq;
      this.holdTicks = this.bufferTicks;
    }
    let reanchored = false;
    if (seq < this.nextSeq) {
      this.stats.late += 1;
      const behind = this.nextSeq - seq;
      if (!this.keepsLandingBehind(behind)) {
        this.early.late();
        this.latePresses.arrivedLate(seq, buttons);
        const held = behind < REANCHOR_MIN_BEHIND_SLOTS && this.hold(this.depth.late(behind));
        return held ? 'held' : 'late';
      }
      this.reanchor(seq, buttons);
      reanchored = true;
    }
    if (this.queued.has(seq)) return 'duplicate';
    this.lateTicks.broken();
    this.queued.set(seq, buttons, viewTick, viewAheadMs, arrivedAtMs);
    const lead = seq - this.nextSeq + this.holdTicks;
    this.depth.arrived(lead, arrivedAtMs - seq * this.tickMs);
    this.early.push(lead);
    if (lead > this.maxBacklog) this.skip(lead - this.maxBacklog);
    return reanchored ? 'reanchored' : 'queued';
  }

  /** Counts a late arrival; true once late inputs came on enough ticks in a row. */
  private keepsLandingBehind(slotsBehind: number): boolean {
    if (slotsBehind < REANCHOR_MIN_BEHIND_SLOTS) return false;
    return this.lateTicks.late() >= REANCHOR_AFTER_LATE_TICKS;
  }

  /** Spends no slot for `ticks` ticks, so that the next slot's input is early again. */
  private hold(ticks: number): boolean {
    if (ticks === 0) return false;
    this.holdTicks += ticks;
    this.early.clear();
    this.stats.held += 1;
    return true;
  }

  /**
   * Moves the slots back so that `seq` is spent after the usual buffer, as a first input would
   * be. The slots in between are guessed from its buttons, the newest the client has said; the
   * ack goes back with the slots, which is what tells the client where it stands.
   */
  private reanchor(seq: number, buttons: number): void {
    this.queued.clear();
    this.latePresses.forgetGuesses();
    this.nextSeq = Math.max(0, seq - this.bufferTicks);
    this.holdTicks = 0;
    this.lastButtons = buttons;
    this.early.clear();
    this.lateTicks.broken();
    this.depth.restart();
    this.stats.reanchored += 1;
  }

  /**
   * A buffer deeper than the link needs (the first input came in a stall, or the link got
   * better) only adds delay: when every recent input arrived with ticks to spare, drop the
   * surplus slots. That costs one correction, once, instead of a lag that never goes away.
   * Returns whether slots were dropped.
   */
  private shrinkIfTooDeep(): boolean {
    if (this.early.allReach(DROP_MARK, LEAD_WINDOW)) {
      this.skip(this.early.smallest(LEAD_WINDOW) - this.bufferTicks);
      this.depth.restart();
      return true;
    }
    const cleanLinkSurplus = this.depth.surplusSlots(this.idleThrough);
    if (cleanLinkSurplus > 0) this.skip(cleanLinkSurplus);
    return cleanLinkSurplus > 0;
  }

  /**
   * Every input of the last 5 s arrived a tick earlier than the buffer needs: run the next slot
   * now, before this tick's, when both inputs are here and `unseen` says running them
   * together shows nothing (written into `out`). The buffer is a tick shorter, no input was
   * lost, and the client's prediction (which ran both) is exact.
   */
  private doubleStepInto(out: TakenInput, unseen: DoubleStepCheck | undefined): boolean {
    if (!unseen || this.latePresses.pending) return false;
    const surplus = this.early.allReach(DOUBLE_STEP_MARK, DOUBLE_STEP_WINDOW);
    // A clean link's buffer may shrink below the room's here too, not only at rest.
    const cleanLink = !surplus && this.depth.surplusPending;
    if (!surplus && !cleanLink) return false;
    const seq = this.nextSeq!;
    const first = this.queued.buttons(seq);
    const second = this.queued.buttons(seq + 1);
    if (first < 0 || second < 0 || !unseen(first, second)) return false;
    out.firstArrivedAtMs = this.queued.arrivedAtMs(seq);
    this.queued.delete(seq);
    this.nextSeq = seq + 1;
    this.stats.applied += 1;
    this.stats.doubled += 1;
    this.lastButtons = first;
    this.countIdle();
    this.early.shorten(1);
    if (cleanLink) this.depth.steppedThrough();
    else this.depth.dropped(1);
    out.firstButtons = first;
    return true;
  }

  /**
   * Whether the next `slots` slots may be dropped unseen: the player has been idle long enough
   * to be at rest, and their inputs, all here, press nothing either. A field, made once: it is
   * handed to `surplusSlots` on every tick.
   */
  private readonly idleThrough = (slots: number): boolean => {
    if (this.idleTicks < this.restTicks) return false;
    for (let seq = this.nextSeq!; seq < this.nextSeq! + slots; seq++) {
      if (this.queued.buttons(seq) !== 0) return false;
    }
    return true;
  };

  private skip(slots: number): void {
    const to = this.nextSeq! + slots;
    // The ring's places, never the skipped range: a lying seq can jump billions ahead, and a
    // loop over that range would stall the server for minutes.
    this.queued.deleteBefore(to);
    this.nextSeq = to;
    this.stats.skipped += slots;
    this.skippedSinceTake += slots;
    this.depth.dropped(slots);
    this.early.shorten(slots);
  }

  /** This tick's input; `undefined` while there is none yet (the player holds no button). */
  take(doubleStepUnseen?: DoubleStepCheck): TakenInput | undefined {
    const out = emptyTakenInput();
    return this.takeInto(out, doubleStepUnseen) ? out : undefined;
  }

  /**
   * `take`, written into `out` (false, `out` untouched: no input yet). The server's tick
   * reuses one `out` per player, so a tick allocates nothing for what each slot gave. With
   * `doubleStepUnseen`, a buffer a tick deeper than needed may run two slots (`out.doubled`).
   */
  takeInto(out: TakenInput, doubleStepUnseen?: DoubleStepCheck): boolean {
    if (this.nextSeq === undefined) return false;
    this.lateTicks.newTick();
    this.depth.newTick();
    if (this.holdTicks > 0) {
      this.holdTicks -= 1;
      this.idleTicks += 1; // no slot, no button
      return false;
    }
    const dropped = this.shrinkIfTooDeep();
    out.doubled = !dropped && this.doubleStepInto(out, doubleStepUnseen);
    out.skippedBefore = this.skippedSinceTake;
    this.skippedSinceTake = 0;
    out.carriedPress = this.latePresses.pending;
    if (out.carriedPress) this.stats.latePressesCarried += 1;
    const seq = this.nextSeq;
    const buttons = this.queued.buttons(seq);
    this.nextSeq = seq + 1;
    this.ackedSeq = seq;
    out.seq = seq;
    out.guessed = buttons < 0;
    if (buttons >= 0) {
      const queued = this.queued;
      this.stats.applied += 1;
      this.lastButtons = this.latePresses.onto(buttons, false);
      this.countIdle();
      const viewTick = queued.viewTick(seq);
      if (viewTick !== undefined) {
        this.lastViewTick = viewTick;
        this.lastViewAheadMs = queued.viewAheadMs(seq);
      }
      out.arrivedAtMs = queued.arrivedAtMs(seq);
      queued.delete(seq);
    } else {
      this.stats.guessed += 1;
      this.lastButtons = this.latePresses.onto(this.lastButtons, true);
      this.countIdle();
      this.latePresses.guessed(seq, this.lastButtons);
      // The client's view moves on one tick per tick; keep rewinding as far as it did.
      if (this.lastViewTick !== undefined) this.lastViewTick += 1;
    }
    out.buttons = this.lastButtons;
    out.viewTick = this.lastViewTick;
    out.viewAheadMs = this.lastViewAheadMs;
    return true;
  }

  private countIdle(): void {
    this.idleTicks = this.lastButtons === 0 ? this.idleTicks + 1 : 0;
  }

  /** A new connection counts its seqs from scratch. */
  reset(): void {
    this.queued.clear();
    this.nextSeq = undefined;
    this.holdTicks = 0;
    this.lastButtons = 0;
    this.lastViewTick = undefined;
    this.lastViewAheadMs = 0;
    this.early.clear();
    this.skippedSinceTake = 0;
    this.lateTicks.clear();
    this.depth.restart();
    this.idleTicks = 0;
    this.latePresses.clear();
    this.ackedSeq = 0;
  }
}

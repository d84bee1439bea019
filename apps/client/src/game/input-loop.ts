/**
 * Samples the controls at the simulation's fixed rate, numbers each sample (`seq`), predicts
 * it locally and sends it. The display may run at 60, 120 or 144 Hz; inputs stay at tick rate.
 */
import { FixedTicker } from './fixed-ticker.js';
import type { RoomSession } from './room-session.js';

export type ButtonSource = () => number;
export type InputSender = (seq: number, buttons: number) => void;

export class InputLoop {
  /** Last seq sent; keeps increasing across rooms and reconnections of this tab. */
  private seq = 0;
  private ticker: FixedTicker | null = null;
  private lastButtons = 0;

  constructor(
    private readonly sample: ButtonSource,
    private readonly sendInput: InputSender,
  ) {}

  /** How far the clock is into the next tick (0..1), to blend the last two predicted ticks. */
  get alpha(): number {
    return this.ticker?.alpha ?? 0;
  }

  /** Called when entering a room: its tick rate sets our sampling rate. */
  reset(tickRateHz: number): void {
    this.ticker = new FixedTicker(tickRateHz);
  }

  /** A resumed seat may have acknowledged more than this tab remembers (after a reload). */
  catchUp(ackedSeq: number): void {
    if (ackedSeq > this.seq) this.seq = ackedSeq;
  }

  /** Runs every input tick that is due; call once per rendered frame. */
  advance(deltaMs: number, session: RoomSession | null): void {
    if (!this.ticker || !session?.isPlayer) return;
    const ticks = this.ticker.advance(deltaMs);
    for (let i = 0; i < ticks; i++) this.tick(session, this.sample());
  }

  /**
   * Sends "nothing held" at once, e.g. when the tab is hidden: the server repeats the last
   * input it got, and a hidden tab sends none, so a held key would otherwise never let go.
   */
  release(session: RoomSession | null): void {
    if (session?.isPlayer && this.lastButtons !== 0) this.tick(session, 0);
  }

  private tick(session: RoomSession, buttons: number): void {
    this.seq += 1;
    this.lastButtons = buttons;
    session.prediction.applyInput(this.seq, buttons);
    this.sendInput(this.seq, buttons);
  }
}

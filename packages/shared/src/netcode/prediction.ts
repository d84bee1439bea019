/**
 * Client-side prediction and server reconciliation for our own player.
 *
 * Every local tick the input is applied at once with the sim's own `movePlayer` and kept as
 * pending. On each snapshot we take the server's state for ourselves, drop the inputs it has
 * acknowledged and replay the rest. Positions live on the sim's 1/16 px grid and the codec
 * carries them exactly, so when nothing unforeseen happened the replay lands on exactly the
 * state we had: zero correction. When something did (a bump, a late input), the difference
 * goes to a `CorrectionSmoother` and fades from the drawn position over a few frames.
 *
 * Each pending input keeps the state it led to. When the server's state at the ack is that
 * very state (the usual case) the replay would retrace the same ticks, so it is skipped: the
 * observer is shown the kept states instead. A snapshot then costs a comparison instead of a
 * few sim steps, which matters on a phone and for a process running hundreds of bots.
 */
import { PLAYER_FIELDS, playerStateOf } from '../protocol/player-fields.js';
import type { SimConfig } from '../sim/config.js';
import { constantsFor } from '../sim/step.js';
import { movePlayer } from '../sim/movement.js';
import type { PlayerState } from '../sim/world.js';
import { CorrectionSmoother, type SmoothingOptions } from './correction-smoother.js';
import { lerpPoint, type Point } from './point.js';

export interface PendingInput {
  seq: number;
  buttons: number;
  /** The predicted state this input led to, as the current prediction went through it. */
  after: Readonly<PlayerState>;
}

/** Told about every predicted tick, live or replayed (predicted pickups listen here). */
export interface PredictionObserver {
  beginReplay(ackedSeq: number): void;
  observe(state: Readonly<PlayerState>, seq: number): void;
  endReplay(): void;
}

export interface Correction {
  ackedSeq: number;
  /** Predicted position before the snapshot minus after it (px). */
  dx: number;
  dy: number;
  distancePx: number;
  replayed: number;
}

export interface PredictionStats {
  reconciles: number;
  /** Reconciles that moved the predicted position at all. */
  corrections: number;
  lastCorrectionPx: number;
  maxCorrectionPx: number;
  totalCorrectionPx: number;
  /** Reconciles where the server agreed with the state we had predicted: nothing replayed. */
  replaysSkipped: number;
}

export interface PredictorOptions {
  smoothing?: Partial<SmoothingOptions>;
  /** Inputs kept for replay; past this the server is not acknowledging and they are moot. */
  maxPending?: number;
  observer?: PredictionObserver;
}

/** Four seconds of 30 Hz inputs: more than any round trip the game is playable at. */
export const MAX_PENDING_INPUTS = 120;

interface TickPair {
  previous: PlayerState;
  current: PlayerState;
}

/**
 * Acknowledged inputs kept in case the ack goes back: the server re-anchors a client whose
 * inputs kept landing behind their slots and then re-runs slots it had acknowledged.
 */
const ACKED_HISTORY = 32;

export class Predictor {
  private pending: PendingInput[] = [];
  /** The newest acknowledged inputs, oldest first. */
  private acked: PendingInput[] = [];
  private ticks: TickPair;
  /** The prediction as it was before the last reconcile, until the next frame is drawn. */
  private shadow: TickPair | undefined;
  private lastAck = -1;
  private readonly maxPending: number;
  private readonly observer: PredictionObserver | undefined;
  readonly smoother: CorrectionSmoother;
  /** The correction folded into the drawn offset by the last `render` (px; 0 most frames). */
  renderCorrection: Point = { x: 0, y: 0 };
  readonly stats: PredictionStats = {
    reconciles: 0,
    corrections: 0,
    lastCorrectionPx: 0,
    maxCorrectionPx: 0,
    totalCorrectionPx: 0,
    replaysSkipped: 0,
  };

  constructor(
    private readonly config: SimConfig,
    initial: PlayerState,
    options: PredictorOptions = {},
  ) {
    const state = playerStateOf(initial);
    this.ticks = { previous: state, current: { ...state } };
    this.maxPending = options.maxPending ?? MAX_PENDING_INPUTS;
    this.observer = options.observer;
    this.smoother = new CorrectionSmoother(options.smoothing);
  }

  /** The predicted state after the newest local input. */
  get state(): Readonly<PlayerState> {
    return this.ticks.current;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** One local tick: the input moves the predicted player now, before any server reply. */
  applyLocalInput(seq: number, buttons: number): Readonly<PlayerState> {
    this.ticks = advance(this.ticks, buttons, this.config);
    this.pending.push({ seq, buttons, after: this.ticks.current });
    if (this.pending.length > this.maxPending) this.pending.shift();
    if (this.shadow) this.shadow = advance(this.shadow, buttons, this.config);
    this.observer?.observe(this.ticks.current, seq);
    return this.ticks.current;
  }

  /** A snapshot arrived: restart from the server's word and replay what it has not applied. */
  reconcile(serverSelf: PlayerState, ackedSeq: number): Correction {
    const wentBack = ackedSeq < this.lastAck;
    if (wentBack) ackedSeq = this.ackWentBack(ackedSeq);
    this.lastAck = ackedSeq;
    const predictedAtAck = this.dropAcknowledged(ackedSeq);
    const before = this.ticks.current;
    if (!wentBack && predictedAtAck && sameState(predictedAtAck, serverSelf)) {
      this.retrace(ackedSeq);
    } else {
      this.shadow ??= this.ticks;
      this.ticks = this.replay(playerStateOf(serverSelf), ackedSeq);
    }
    const dx = before.x - this.ticks.current.x;
    const dy = before.y - this.ticks.current.y;
    const correction = {
      ackedSeq,
      dx,
      dy,
      distancePx: Math.sqrt(dx * dx + dy * dy),
      replayed: this.pending.length,
    };
    this.count(correction.distancePx);
    return correction;
  }

  /** Moves the acknowledged inputs out of `pending`; returns what we predicted at the ack. */
  private dropAcknowledged(ackedSeq: number): Readonly<PlayerState> | undefined {
    let atAck: PendingInput | undefined;
    while (this.pending[0] && this.pending[0].seq <= ackedSeq) {
      atAck = this.pending.shift()!;
      this.acked.push(atAck);
    }
    if (this.acked.length > ACKED_HISTORY) this.acked.splice(0, this.acked.length - ACKED_HISTORY);
    return atAck?.seq === ackedSeq ? atAck.after : undefined;
  }

  /**
   * The server re-anchored our slots: those after `ackedSeq` run again, with our inputs, so
   * they are pending again. An ack of 0 is a new connection's count starting over instead,
   * which has applied none of ours yet: nothing to take back. Returns the ack to go on from.
   */
  private ackWentBack(ackedSeq: number): number {
    if (ackedSeq === 0) return this.lastAck;
    const again = this.acked.filter((input) => input.seq > ackedSeq);
    this.acked = this.acked.filter((input) => input.seq <= ackedSeq);
    this.pending = [...again, ...this.pending];
    return ackedSeq;
  }

  private replay(state: PlayerState, ackedSeq: number): TickPair {
    this.observer?.beginReplay(ackedSeq);
    let ticks: TickPair = { previous: state, current: { ...state } };
    for (const input of this.pending) {
      ticks = advance(ticks, input.buttons, this.config);
      input.after = ticks.current;
      this.observer?.observe(ticks.current, input.seq);
    }
    this.observer?.endReplay();
    return ticks;
  }

  /** The replay that would land where we are: the observer sees the states we kept. */
  private retrace(ackedSeq: number): void {
    this.stats.replaysSkipped += 1;
    if (!this.observer) return;
    this.observer.beginReplay(ackedSeq);
    for (const input of this.pending) this.observer.observe(input.after, input.seq);
    this.observer.endReplay();
  }

  private count(distancePx: number): void {
    const s = this.stats;
    s.reconciles += 1;
    s.lastCorrectionPx = distancePx;
    if (distancePx === 0) return;
    s.corrections += 1;
    s.totalCorrectionPx += distancePx;
    s.maxCorrectionPx = Math.max(s.maxCorrectionPx, distancePx);
  }

  /**
   * Where to draw ourselves this frame; call once per rendered frame. With `liveButtons`
   * (the buttons held right now) the frame blends from the newest tick towards the tick
   * those buttons will produce, so a key shows on the very frame it is pressed; without,
   * it blends between the last two ticks (smooth too, but one tick behind the keyboard).
   */
  render(frameDtMs: number, alpha: number, liveButtons?: number): Point {
    const raw = this.rawPosition(this.ticks, alpha, liveButtons);
    this.renderCorrection = { x: 0, y: 0 };
    if (this.shadow) {
      // The correction as the eye would see it on this exact frame, velocity change included.
      const was = this.rawPosition(this.shadow, alpha, liveButtons);
      this.renderCorrection = { x: was.x - raw.x, y: was.y - raw.y };
      this.smoother.add(this.renderCorrection.x, this.renderCorrection.y);
      this.shadow = undefined;
    }
    const offset = this.smoother.advance(frameDtMs);
    return { x: raw.x + offset.x, y: raw.y + offset.y };
  }

  private rawPosition(ticks: TickPair, alpha: number, liveButtons: number | undefined): Point {
    if (liveButtons === undefined) return lerpPoint(ticks.previous, ticks.current, alpha);
    const ahead = { ...ticks.current };
    movePlayer(ahead, liveButtons, this.config, constantsFor(this.config));
    return lerpPoint(ticks.current, ahead, alpha);
  }
}

/** Every field the server sends about a player, equal: the replay would change nothing. */
function sameState(predicted: Readonly<PlayerState>, server: Readonly<PlayerState>): boolean {
  for (const { name } of PLAYER_FIELDS) if (predicted[name] !== server[name]) return false;
  return true;
}

function advance(ticks: TickPair, buttons: number, config: SimConfig): TickPair {
  const next = { ...ticks.current };
  movePlayer(next, buttons, config, constantsFor(config));
  return { previous: ticks.current, current: next };
}

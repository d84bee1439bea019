/** What one netlab client measures about itself, frame by frame. */
import type { Point } from '@arena/shared/netcode/client';

/** A probe that has not moved the player after this many frames is recorded as this many. */
const PROBE_GIVE_UP_FRAMES = 30;

export interface SeenHit {
  attackerId: number;
  /** Every player within reach on that tick, in id order (the sim judges in id order). */
  victimIds: number[];
  seq: number;
  viewTick: number | undefined;
  /** Where the attacker (predicted) and the first victim (drawn) were when it saw the hit. */
  attacker: Point;
  victim: Point;
}

/** Ground truth the client is judged against (netlab's server knows it). */
export interface Truth {
  tickMs: number;
  maxSpeed: number;
  trueSpeed(id: number, fromTick: number, toTick: number): number;
  disturbedBetween(id: number, afterSeq: number, toSeq: number): boolean;
}

export class ClientMetrics {
  readonly probeFrames: number[] = [];
  /** Quiet-phase prediction error at each reconcile whose slots all ran as sent, untouched (px). */
  readonly quietErrors: number[] = [];
  /** The same, for reconciles over a slot that was guessed (input late), dropped or bumped. */
  readonly quietErrorsDisturbed: number[] = [];
  readonly correctionSizes: number[] = [];
  /** Non-zero per-frame movement caused by a correction fading out (px). */
  readonly visibleSteps: number[] = [];
  /** Remote frame-to-frame movement ÷ what the speed limit allows in that frame. */
  readonly remoteRatios: number[] = [];
  readonly delays: number[] = [];
  readonly viewLags: number[] = [];
  /** Extrapolated position − truth, per player, on the frame the truth arrived (px). */
  readonly extrapolationErrors: number[] = [];
  /** Non-zero per-frame movement of the glide that closes those gaps (px). */
  readonly glideSteps: number[] = [];
  readonly seenHits: SeenHit[] = [];
  clockErrorAt2sMs: number | undefined;
  /** The clock error with every packet on the links by then a sample (`timed-link.ts`). */
  clockBracketErrorAt2sMs: number | undefined;
  private probe: { direction: Point; frames: number } | undefined;
  private lastSelf: Point | undefined;
  private lastRemotes = new Map<number, Point>();
  private lastRenderMs: number | undefined;

  constructor(private readonly truth: Truth) {}

  startProbe(direction: Point): void {
    this.probe = { direction, frames: 0 };
  }

  /**
   * Self as predicted this frame (drawn position without the smoothing offset) and the
   * correction a snapshot folded in on this frame: a running probe ends on the first frame
   * the key moved the player, corrections aside.
   */
  onSelfDrawn(raw: Point, correction: Point): void {
    const last = this.lastSelf;
    this.lastSelf = raw;
    const probe = this.probe;
    if (!probe || !last) return;
    const dx = raw.x - last.x + correction.x;
    const dy = raw.y - last.y + correction.y;
    if (
      dx * probe.direction.x + dy * probe.direction.y > 1e-6 ||
      probe.frames >= PROBE_GIVE_UP_FRAMES
    ) {
      this.probeFrames.push(probe.frames);
      this.probe = undefined;
    } else {
      probe.frames += 1;
    }
  }

  onRemotesDrawn(remotes: ReadonlyMap<number, Point>, renderMs: number, frameMs: number): void {
    const last = this.lastRenderMs;
    if (last !== undefined) {
      const { tickMs, maxSpeed } = this.truth;
      const fromTick = Math.floor(last / tickMs) - 1;
      const toTick = Math.ceil(renderMs / tickMs) + 1;
      for (const [id, p] of remotes) {
        const before = this.lastRemotes.get(id);
        if (!before) continue;
        const allowedSpeed = Math.max(maxSpeed, this.truth.trueSpeed(id, fromTick, toTick));
        const jump = Math.hypot(p.x - before.x, p.y - before.y);
        this.remoteRatios.push(jump / ((allowedSpeed * frameMs) / 1000));
      }
    }
    this.lastRemotes = new Map(remotes);
    this.lastRenderMs = renderMs;
  }
}

/**
 * How a prediction correction reaches the screen. The predicted state jumps to the corrected
 * one at once (the simulation must be exact); the drawn position keeps an offset equal to the
 * jump and lets it fade over a few frames, never faster than a capped speed, so the player
 * sees a short glide instead of a snap. Only a huge error (a respawn, a new round) teleports.
 */
import { blendOffset, magnitude, type Point } from './point.js';

export interface SmoothingOptions {
  /** Fastest the visible correction may move the player (px/s): 120 = 2 px per 60 Hz frame. */
  maxSpeedPxPerS: number;
  /** Exponential fade time constant (ms): most of a small correction is gone in ~3 of these. */
  timeConstantMs: number;
  /** Corrections larger than this are shown at once. */
  teleportPx: number;
}

export const CORRECTION_MAX_SPEED_PX_PER_S = 120;
export const CORRECTION_TELEPORT_PX = 200;

export const DEFAULT_SMOOTHING_OPTIONS: SmoothingOptions = {
  maxSpeedPxPerS: CORRECTION_MAX_SPEED_PX_PER_S,
  timeConstantMs: 50,
  teleportPx: CORRECTION_TELEPORT_PX,
};

export class CorrectionSmoother {
  readonly options: SmoothingOptions;
  private current: Point = { x: 0, y: 0 };
  /** How far the offset moved the drawn position in the last frame (px). */
  lastStepPx = 0;
  teleports = 0;

  constructor(options: Partial<SmoothingOptions> = {}) {
    this.options = { ...DEFAULT_SMOOTHING_OPTIONS, ...options };
  }

  get offset(): Readonly<Point> {
    return this.current;
  }

  /** Adds a correction (old drawn position − new one). Returns true if it teleported. */
  add(dx: number, dy: number): boolean {
    this.current = { x: this.current.x + dx, y: this.current.y + dy };
    if (magnitude(this.current) <= this.options.teleportPx) return false;
    this.current = { x: 0, y: 0 };
    this.teleports += 1;
    return true;
  }

  /** Fades the offset by one frame and returns it. */
  advance(frameDtMs: number): Point {
    const dt = Math.max(0, frameDtMs);
    const size = magnitude(this.current);
    const fade = size * (1 - Math.exp(-dt / this.options.timeConstantMs));
    const step = Math.min(fade, (this.options.maxSpeedPxPerS * dt) / 1000);
    const next = blendOffset(this.current, step);
    this.lastStepPx = size - magnitude(next);
    this.current = next;
    return next;
  }
}

/**
 * Other players, drawn from a buffer of snapshots at a render time a little in the past, so
 * there is almost always a snapshot on each side to blend between. When the buffer runs dry
 * (a stall longer than the delay) each player carries on along its last velocity for a
 * bounded time, then holds still; when snapshots come back, the gap between where we drew it
 * and where it really was is closed at a capped speed instead of in one jump.
 */
import { blendOffset, lerpPoint, type Point } from './point.js';

export interface EntitySample {
  id: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
}

export const SampleStatus = {
  Empty: 'empty',
  Interpolating: 'interpolating',
  Extrapolating: 'extrapolating',
  Holding: 'holding',
} as const;
export type SampleStatus = (typeof SampleStatus)[keyof typeof SampleStatus];

export interface InterpolationOptions {
  /** How long to keep moving players along their velocity once the buffer is dry. */
  maxExtrapolateMs: number;
  /** Speed at which a gap left by extrapolation closes (px/s). Below the speed limit, so a
   * player never appears to move faster than they can. */
  blendSpeedPxPerS: number;
  /** Extrapolation never runs faster than this (px/s): the sim's walking speed limit. */
  maxExtrapolateSpeedPxPerS: number;
}

export const INTERP_MAX_EXTRAPOLATE_MS = 250;

export const DEFAULT_INTERPOLATION_OPTIONS: InterpolationOptions = {
  maxExtrapolateMs: INTERP_MAX_EXTRAPOLATE_MS,
  blendSpeedPxPerS: 100,
  maxExtrapolateSpeedPxPerS: 240,
};

/** A bound on memory if nobody samples for a while (a hidden tab): 8 s at 30 Hz. */
const MAX_FRAMES = 240;

interface Frame {
  tick: number;
  serverTimeMs: number;
  entities: Map<number, EntitySample>;
}

interface Drawn {
  shown: Point;
  offset: Point;
}

export interface InterpolationStats {
  /** Times the render clock passed the newest snapshot. */
  underruns: number;
  /** Sampled frames spent extrapolating or holding. */
  dryFrames: number;
}

export class InterpolationBuffer {
  private frames: Frame[] = [];
  private readonly drawn = new Map<number, Drawn>();
  private lastRenderMs: number | undefined;
  private statusNow: SampleStatus = SampleStatus.Empty;
  /** Tick of the snapshot the current dry spell extrapolates from. */
  private dryAnchorTick: number | undefined;
  readonly options: InterpolationOptions;
  readonly stats: InterpolationStats = { underruns: 0, dryFrames: 0 };

  constructor(options: Partial<InterpolationOptions> = {}) {
    this.options = { ...DEFAULT_INTERPOLATION_OPTIONS, ...options };
  }

  /** Adds a snapshot; one that is not newer than the newest is ignored. */
  push(tick: number, serverTimeMs: number, entities: readonly EntitySample[]): void {
    const newest = this.frames.at(-1);
    if (newest && (tick <= newest.tick || serverTimeMs <= newest.serverTimeMs)) return;
    this.frames.push({ tick, serverTimeMs, entities: new Map(entities.map((e) => [e.id, e])) });
  }

  get status(): SampleStatus {
    return this.statusNow;
  }

  /** Snapshots still ahead of the render time, and how far ahead the newest is (ms). */
  depth(renderServerTimeMs: number): { snapshots: number; ms: number } {
    const ahead = this.frames.filter((f) => f.serverTimeMs > renderServerTimeMs).length;
    const newest = this.frames.at(-1);
    return { snapshots: ahead, ms: newest ? newest.serverTimeMs - renderServerTimeMs : 0 };
  }

  /** Server tick being drawn (fractional), for `player:input.viewTick` after rounding. */
  viewTick(renderServerTimeMs: number): number | undefined {
    const pair = this.bracket(renderServerTimeMs);
    if (!pair) return this.frames.at(-1)?.tick;
    const [a, b] = pair;
    const t = (renderServerTimeMs - a.serverTimeMs) / (b.serverTimeMs - a.serverTimeMs);
    return a.tick + t * (b.tick - a.tick);
  }

  /** Where to draw each player now; call once per rendered frame. */
  sample(renderServerTimeMs: number): Map<number, Point> {
    const elapsedMs = Math.max(0, renderServerTimeMs - (this.lastRenderMs ?? renderServerTimeMs));
    this.lastRenderMs = renderServerTimeMs;
    this.prune(renderServerTimeMs);
    const wasDry = this.isDry(this.statusNow);
    const anchorBefore = this.dryAnchorTick;
    const raw = this.rawPositions(renderServerTimeMs);
    const dry = this.isDry(this.statusNow);
    if (dry) {
      this.stats.dryFrames += 1;
      if (!wasDry) this.stats.underruns += 1;
    }
    // Leaving a dry spell, or a new snapshot while still dry, moves the raw position to a new
    // footing; keep the drawn one where it was and glide from there.
    const reanchor = wasDry && (!dry || this.dryAnchorTick !== anchorBefore);
    return this.blend(raw, reanchor, elapsedMs);
  }

  private isDry(status: SampleStatus): boolean {
    return status === SampleStatus.Extrapolating || status === SampleStatus.Holding;
  }

  private bracket(t: number): [Frame, Frame] | undefined {
    for (let i = this.frames.length - 1; i > 0; i--) {
      const a = this.frames[i - 1]!;
      if (a.serverTimeMs <= t) {
        const b = this.frames[i]!;
        return t < b.serverTimeMs ? [a, b] : undefined;
      }
    }
    return undefined;
  }

  private prune(t: number): void {
    // Keep the last frame at or before t (the left side of the bracket) and anything newer.
    let keepFrom = 0;
    while (keepFrom + 1 < this.frames.length && this.frames[keepFrom + 1]!.serverTimeMs <= t) {
      keepFrom += 1;
    }
    keepFrom = Math.max(keepFrom, this.frames.length - MAX_FRAMES);
    if (keepFrom > 0) this.frames = this.frames.slice(keepFrom);
  }

  private rawPositions(t: number): Map<number, Point> {
    const newest = this.frames.at(-1);
    const oldest = this.frames[0];
    if (!newest || !oldest) {
      this.statusNow = SampleStatus.Empty;
      return new Map();
    }
    if (t >= newest.serverTimeMs) return this.extrapolate(newest, t - newest.serverTimeMs);
    this.statusNow = SampleStatus.Interpolating;
    const pair = this.bracket(t);
    if (!pair) return positionsOf(oldest);
    const [a, b] = pair;
    const alpha = (t - a.serverTimeMs) / (b.serverTimeMs - a.serverTimeMs);
    const out = new Map<number, Point>();
    for (const [id, eb] of b.entities) {
      const ea = a.entities.get(id);
      out.set(id, ea ? lerpPoint(ea, eb, alpha) : { x: eb.x, y: eb.y });
    }
    return out;
  }

  private extrapolate(newest: Frame, pastMs: number): Map<number, Point> {
    const { maxExtrapolateMs, maxExtrapolateSpeedPxPerS } = this.options;
    this.statusNow = pastMs > maxExtrapolateMs ? SampleStatus.Holding : SampleStatus.Extrapolating;
    this.dryAnchorTick = newest.tick;
    const seconds = Math.min(pastMs, maxExtrapolateMs) / 1000;
    const out = new Map<number, Point>();
    for (const [id, e] of newest.entities) {
      // A dash or a knockback lasts a few ticks; carrying it on blindly overshoots far.
      const speed = Math.hypot(e.vx, e.vy);
      const scale = speed > maxExtrapolateSpeedPxPerS ? maxExtrapolateSpeedPxPerS / speed : 1;
      out.set(id, { x: e.x + e.vx * scale * seconds, y: e.y + e.vy * scale * seconds });
    }
    return out;
  }

  private blend(raw: Map<number, Point>, reanchor: boolean, elapsedMs: number): Map<number, Point> {
    const maxStep = (this.options.blendSpeedPxPerS * elapsedMs) / 1000;
    const out = new Map<number, Point>();
    for (const [id, position] of raw) {
      const previous = this.drawn.get(id);
      let offset = previous?.offset ?? { x: 0, y: 0 };
      if (reanchor && previous) {
        offset = { x: previous.shown.x - position.x, y: previous.shown.y - position.y };
      }
      offset = blendOffset(offset, maxStep);
      const shown = { x: position.x + offset.x, y: position.y + offset.y };
      this.drawn.set(id, { shown, offset });
      out.set(id, shown);
    }
    for (const id of this.drawn.keys()) if (!raw.has(id)) this.drawn.delete(id);
    return out;
  }
}

function positionsOf(frame: Frame): Map<number, Point> {
  const out = new Map<number, Point>();
  for (const [id, e] of frame.entities) out.set(id, { x: e.x, y: e.y });
  return out;
}

/**
 * Other players, drawn from a buffer of snapshots at a render time a little in the past, so
 * there is usually a snapshot on each side to blend between. When the render time passes the
 * newest snapshot (the buffer ran dry: a stall, a late packet) each player is carried on by
 * dead reckoning (`extrapolate`, bounded in time, speed and by the walls), then held. When the
 * truth arrives, the gap between where the extrapolation drew a player and where it really was
 * is closed at a capped speed instead of in one jump.
 */
import { DEFAULT_SIM_CONFIG, type SimConfig } from '../sim/config.js';
import {
  EXTRAPOLATE_MAX_MS,
  pointOnPath,
  reckonPath,
  type ReckoningStart,
} from './extrapolation.js';
import { blendOffset, lerpPoint, magnitude, type Point } from './point.js';

export interface EntitySample extends ReckoningStart {
  id: number;
}

export const SampleStatus = {
  Empty: 'empty',
  Interpolating: 'interpolating',
  Extrapolating: 'extrapolating',
  Holding: 'holding',
} as const;
export type SampleStatus = (typeof SampleStatus)[keyof typeof SampleStatus];

export interface InterpolationOptions {
  /** Speed at which a gap left by extrapolation closes (px/s). Below the speed limit, so a
   * player never appears to move much faster than they can. */
  blendSpeedPxPerS: number;
  /** The rules extrapolation moves players by (`reckonPath`). */
  config: SimConfig;
  /** How far past the newest snapshot players are extrapolated before they are held. */
  maxExtrapolateMs: number;
}

export const DEFAULT_INTERPOLATION_OPTIONS: InterpolationOptions = {
  blendSpeedPxPerS: 96,
  config: DEFAULT_SIM_CONFIG,
  maxExtrapolateMs: EXTRAPOLATE_MAX_MS,
};

/** A bound on memory if nobody samples for a while (a hidden tab): 8 s at 30 Hz. */
const MAX_FRAMES = 240;

interface Frame {
  tick: number;
  serverTimeMs: number;
  entities: Map<number, EntitySample>;
}

/** The snapshot one player's extrapolation starts from, and the path it follows. */
interface Anchor {
  tick: number;
  serverTimeMs: number;
  path: Point[];
}

interface Drawn {
  offset: Point;
  /** Set while this player's raw position comes from extrapolation. */
  anchor: Anchor | undefined;
}

interface Raw {
  position: Point;
  anchor: Anchor | undefined;
}

export interface InterpolationStats {
  /** Times the render clock passed the newest snapshot (extrapolation took over). */
  dryRuns: number;
  /** Times extrapolation ran out too and players were held still. */
  underruns: number;
  /** Sampled frames spent extrapolating or holding. */
  dryFrames: number;
  /** Largest gap between an extrapolated position and the truth when it arrived (px). */
  maxExtrapolationErrorPx: number;
}

/** How far off an extrapolation was, found on the frame the truth arrived. */
export interface ExtrapolationError {
  id: number;
  errorPx: number;
}

export class InterpolationBuffer {
  private frames: Frame[] = [];
  private readonly drawn = new Map<number, Drawn>();
  private lastRenderMs: number | undefined;
  private statusNow: SampleStatus = SampleStatus.Empty;
  readonly options: InterpolationOptions;
  readonly stats: InterpolationStats = {
    dryRuns: 0,
    underruns: 0,
    dryFrames: 0,
    maxExtrapolationErrorPx: 0,
  };
  /** The extrapolation errors found by the last `sample` (usually none). */
  lastErrors: ExtrapolationError[] = [];
  /** How far the glide back moved any player in the last `sample` (px). */
  lastGlideStepPx = 0;

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

  /** Server time of the newest snapshot, or undefined before the first. */
  get newestServerTimeMs(): number | undefined {
    return this.frames.at(-1)?.serverTimeMs;
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

  /**
   * How far past the newest snapshot `renderServerTimeMs` is, up to the extrapolation bound:
   * 0 while interpolating. With `viewTick` it says where the others were drawn.
   */
  aheadMs(renderServerTimeMs: number): number {
    const newest = this.frames.at(-1);
    if (!newest) return 0;
    const ahead = renderServerTimeMs - newest.serverTimeMs;
    return Math.min(this.options.maxExtrapolateMs, Math.max(0, ahead));
  }

  /**
   * Where to draw each player now; call once per rendered frame. `frameDtMs` is the real time
   * since the last frame: the glide back after an extrapolation runs on it, so a render clock
   * that is catching up does not speed the glide up too (default: render time elapsed).
   */
  sample(renderServerTimeMs: number, frameDtMs?: number): Map<number, Point> {
    const previousMs = this.lastRenderMs ?? renderServerTimeMs;
    const elapsedMs = Math.max(0, frameDtMs ?? renderServerTimeMs - previousMs);
    this.lastRenderMs = renderServerTimeMs;
    this.prune(renderServerTimeMs);
    const before = this.statusNow;
    const raw = this.rawPositions(renderServerTimeMs);
    this.countDrySpells(before, this.statusNow);
    return this.blend(raw, { nowMs: renderServerTimeMs, previousMs }, elapsedMs);
  }

  private countDrySpells(before: SampleStatus, now: SampleStatus): void {
    const dry = (s: SampleStatus) => s === SampleStatus.Extrapolating || s === SampleStatus.Holding;
    if (!dry(now)) return;
    this.stats.dryFrames += 1;
    if (!dry(before)) this.stats.dryRuns += 1;
    if (now === SampleStatus.Holding && before !== SampleStatus.Holding) this.stats.underruns += 1;
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

  private rawPositions(t: number): Map<number, Raw> {
    const newest = this.frames.at(-1);
    const oldest = this.frames[0];
    if (!newest || !oldest) {
      this.statusNow = SampleStatus.Empty;
      return new Map();
    }
    if (t >= newest.serverTimeMs) return this.extrapolateFrom(newest, t);
    this.statusNow = SampleStatus.Interpolating;
    const pair = this.bracket(t);
    const out = new Map<number, Raw>();
    if (!pair) {
      for (const [id, e] of oldest.entities) out.set(id, { position: e, anchor: undefined });
      return out;
    }
    const [a, b] = pair;
    const alpha = (t - a.serverTimeMs) / (b.serverTimeMs - a.serverTimeMs);
    for (const [id, eb] of b.entities) {
      const ea = a.entities.get(id);
      out.set(id, { position: ea ? lerpPoint(ea, eb, alpha) : eb, anchor: undefined });
    }
    return out;
  }

  private extrapolateFrom(newest: Frame, t: number): Map<number, Raw> {
    const pastMs = t - newest.serverTimeMs;
    const { maxExtrapolateMs } = this.options;
    this.statusNow = pastMs > maxExtrapolateMs ? SampleStatus.Holding : SampleStatus.Extrapolating;
    const out = new Map<number, Raw>();
    for (const [id, e] of newest.entities) {
      const anchor = this.anchorFor(id, e, newest);
      out.set(id, { position: this.onPath(anchor, t), anchor });
    }
    return out;
  }

  /** The path is worked out once per player and snapshot, not on every frame. */
  private anchorFor(id: number, e: EntitySample, frame: Frame): Anchor {
    const drawn = this.drawn.get(id)?.anchor;
    if (drawn?.tick === frame.tick) return drawn;
    const { config, maxExtrapolateMs } = this.options;
    const path = reckonPath(e, config, maxExtrapolateMs);
    return { tick: frame.tick, serverTimeMs: frame.serverTimeMs, path };
  }

  private onPath(anchor: Anchor, t: number): Point {
    const { config, maxExtrapolateMs } = this.options;
    const tickMs = 1000 / config.tickRateHz;
    return pointOnPath(anchor.path, t - anchor.serverTimeMs, tickMs, maxExtrapolateMs);
  }

  /**
   * Draws each player at its raw position plus an offset that glides to zero. When a player
   * was being extrapolated and now is not (the truth arrived), or is extrapolated from a newer
   * snapshot, the offset takes up the difference, so the drawn path stays continuous.
   *
   * The difference is taken from where the guess was drawn on the last frame: on the frame the
   * truth arrives the render clock goes from its creep to its catch-up pace, and a guessed dash
   * carried on at that pace for one frame would leap (measured: 1.8 × the speed limit, when a
   * second connection brought the truth in mid-dash). The error is still measured at `t`.
   */
  private blend(
    raw: Map<number, Raw>,
    render: { nowMs: number; previousMs: number },
    elapsedMs: number,
  ): Map<number, Point> {
    const t = render.nowMs;
    const maxStep = (this.options.blendSpeedPxPerS * elapsedMs) / 1000;
    const out = new Map<number, Point>();
    this.lastErrors = [];
    this.lastGlideStepPx = 0;
    for (const [id, { position, anchor }] of raw) {
      const previous = this.drawn.get(id);
      let offset = previous?.offset ?? { x: 0, y: 0 };
      const old = previous?.anchor;
      if (old && old.tick !== anchor?.tick) {
        const continued = this.onPath(old, t);
        this.recordError(id, Math.hypot(continued.x - position.x, continued.y - position.y));
        const lastDrawn = this.onPath(old, Math.min(t, render.previousMs));
        offset = { x: offset.x + lastDrawn.x - position.x, y: offset.y + lastDrawn.y - position.y };
      }
      const glided = blendOffset(offset, maxStep);
      this.lastGlideStepPx = Math.max(this.lastGlideStepPx, magnitude(offset) - magnitude(glided));
      const shown = { x: position.x + glided.x, y: position.y + glided.y };
      this.drawn.set(id, { offset: glided, anchor });
      out.set(id, shown);
    }
    for (const id of this.drawn.keys()) if (!raw.has(id)) this.drawn.delete(id);
    return out;
  }

  private recordError(id: number, errorPx: number): void {
    this.lastErrors.push({ id, errorPx });
    this.stats.maxExtrapolationErrorPx = Math.max(this.stats.maxExtrapolationErrorPx, errorPx);
  }
}

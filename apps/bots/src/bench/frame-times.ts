/**
 * Frame times as a player feels them: what a page's `requestAnimationFrame` callbacks saw,
 * turned into the figures the browser bench reports. Pure: intervals in, figures out.
 */
import { median, percentile } from '@arena/devkit';

/** A 60 Hz display's frame. */
export const FRAME_BUDGET_MS = 1000 / 60;
/** An interval this much longer than the budget means at least one frame was missed. */
const MISSED_FRAME_FACTOR = 1.5;

export interface FrameFigures {
  frames: number;
  fps: number;
  frameP50Ms: number;
  frameP95Ms: number;
  frameP99Ms: number;
  longestMs: number;
  /** Share of intervals in which the page missed at least one 60 Hz frame, in %. */
  missedPercent: number;
}

export function frameFigures(intervalsMs: readonly number[]): FrameFigures {
  const total = intervalsMs.reduce((a, b) => a + b, 0);
  const missed = intervalsMs.filter((ms) => ms > FRAME_BUDGET_MS * MISSED_FRAME_FACTOR).length;
  const n = intervalsMs.length;
  return {
    frames: n,
    fps: total > 0 ? (n * 1000) / total : 0,
    frameP50Ms: percentile(intervalsMs, 0.5),
    frameP95Ms: percentile(intervalsMs, 0.95),
    frameP99Ms: percentile(intervalsMs, 0.99),
    longestMs: Math.max(0, ...intervalsMs),
    missedPercent: n === 0 ? 0 : (100 * missed) / n,
  };
}

/**
 * Each figure's median over repeated runs of one page: in headless Chromium without a GPU, one
 * run's frame rate moves by a quarter from the next, so a change smaller than that needs runs
 * alternated and their medians compared.
 */
export function medianFrameFigures(runs: readonly FrameFigures[]): FrameFigures {
  const of = (figure: keyof FrameFigures) => median(runs.map((run) => run[figure]));
  return {
    frames: of('frames'),
    fps: of('fps'),
    frameP50Ms: of('frameP50Ms'),
    frameP95Ms: of('frameP95Ms'),
    frameP99Ms: of('frameP99Ms'),
    longestMs: of('longestMs'),
    missedPercent: of('missedPercent'),
  };
}

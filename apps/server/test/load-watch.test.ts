/** Overload, judged on the ticks the game loop achieved over the last seconds. */
import { describe, expect, it } from 'vitest';
import { LoadWatch, OVERLOAD_TICK_SHARE } from '../src/load/load-watch.js';
import { monotonicNow } from '../src/timers.js';

/** Ticks at `hz` from `fromMs` for `seconds`, as the game loop would record them. */
function runTicks(watch: LoadWatch, hz: number, fromMs: number, seconds: number): number {
  const count = Math.round(hz * seconds);
  for (let i = 0; i < count; i++) watch.tick(fromMs + (i * 1000) / hz);
  return fromMs + seconds * 1000;
}

describe('LoadWatch', () => {
  it('is not overloaded while the ticks keep their rate', () => {
    const watch = new LoadWatch(30);
    const now = runTicks(watch, 30, monotonicNow(), 6);
    const report = watch.report(now);
    expect(report.tickRateHz).toBeCloseTo(30, 0);
    expect(report.overloaded).toBe(false);
  });

  it('is overloaded when too few ticks ran, and recovers once they keep up again', () => {
    const watch = new LoadWatch(30);
    let now = runTicks(watch, 30, monotonicNow(), 3);
    now = runTicks(watch, 30 * OVERLOAD_TICK_SHARE * 0.8, now, 5);
    expect(watch.report(now).overloaded).toBe(true);
    now = runTicks(watch, 30, now, 6);
    expect(watch.report(now).overloaded).toBe(false);
  });

  it('is not overloaded by the seconds a process spends starting before its first tick', () => {
    const watch = new LoadWatch(30);
    // Three seconds of loading code and reaching Redis, then the loop keeps its rate.
    const now = runTicks(watch, 30, monotonicNow() + 3000, 1.5);
    expect(watch.report(now).overloaded).toBe(false);
  });
});

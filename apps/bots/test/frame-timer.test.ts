import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFrameTimer } from '../src/frame-timer.js';

const PERIOD_MS = 1000 / 30;

function framesOver(ms: number, delayEachFrameMs = 0): number[] {
  const times: number[] = [];
  const stop = startFrameTimer(PERIOD_MS, () => {
    times.push(performance.now());
    // A frame's own work, which a fixed period must absorb.
    vi.advanceTimersByTime(delayEachFrameMs);
  });
  vi.advanceTimersByTime(ms);
  stop();
  return times;
}

describe('startFrameTimer', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps a fractional period over many frames, where setInterval runs on whole ms', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'performance'] });
    const start = performance.now();
    const times = framesOver(60_000);
    // 30 frames a second for a minute (the first at once), not 60_000 / 33.
    expect(times.length).toBeGreaterThanOrEqual(1800);
    expect(times.length).toBeLessThanOrEqual(1801);
    // Every later frame lies within a millisecond (the timer's resolution) of half a period
    // past a tick boundary: no drift in a minute.
    for (const [k, at] of times.slice(1).entries()) {
      const due = start + PERIOD_MS / 2 + k * PERIOD_MS;
      expect(Math.abs(at - due)).toBeLessThan(1.5);
    }
  });

  it("absorbs the frames' own work and skips, not bunches, frames after a stall", () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    expect(framesOver(10_000, 5).length).toBeGreaterThanOrEqual(300);
    const times: number[] = [];
    const stop = startFrameTimer(PERIOD_MS, () => {
      times.push(performance.now());
      // One frame blocks the loop for 200 ms.
      if (times.length === 3) vi.advanceTimersByTime(200);
    });
    vi.advanceTimersByTime(1000);
    stop();
    // The frames the stall missed are not run back to back after it.
    const gaps = times.slice(2).map((t, i) => t - times[i + 1]!);
    expect(Math.min(...gaps)).toBeGreaterThan(PERIOD_MS / 2);
    expect(times.filter((t) => t < 1000).length).toBeLessThan(30);
  });

  it('stops for good when a frame stops it, the first one included', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    for (const lastFrame of [1, 3]) {
      let frames = 0;
      const stop: () => void = startFrameTimer(PERIOD_MS, () => {
        frames += 1;
        if (frames === lastFrame) stop();
      });
      vi.advanceTimersByTime(1000);
      expect(frames).toBe(lastFrame);
      expect(vi.getTimerCount()).toBe(0);
    }
  });
});

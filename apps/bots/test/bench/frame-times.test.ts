import { describe, expect, it } from 'vitest';
import { FRAME_BUDGET_MS, frameFigures, medianFrameFigures } from '../../src/bench/frame-times.js';

describe('frame figures', () => {
  it('reads a steady 60 Hz page as 60 fps with no missed frame', () => {
    const f = frameFigures(new Array<number>(120).fill(FRAME_BUDGET_MS));
    expect(f.fps).toBeCloseTo(60, 6);
    expect(f.missedPercent).toBe(0);
    expect(f.frameP99Ms).toBeCloseTo(FRAME_BUDGET_MS, 6);
  });

  it('counts the intervals in which a frame was missed, and the longest', () => {
    const intervals = [...new Array<number>(98).fill(FRAME_BUDGET_MS), 33.4, 100];
    const f = frameFigures(intervals);
    expect(f.missedPercent).toBe(2);
    expect(f.longestMs).toBe(100);
    expect(f.frameP99Ms).toBe(33.4);
    expect(f.fps).toBeLessThan(60);
  });

  it('is all zeros without frames', () => {
    expect(frameFigures([])).toMatchObject({ frames: 0, fps: 0, missedPercent: 0, longestMs: 0 });
  });
});

describe('frame figures over repeated runs', () => {
  const run = (fps: number, longestMs: number) => ({
    ...frameFigures(new Array<number>(60).fill(1000 / fps)),
    longestMs,
  });

  it('takes each figure’s median, so one unlucky run does not set the result', () => {
    const runs = [run(33, 80), run(45, 50), run(38, 200)];
    const m = medianFrameFigures(runs);
    expect(m.fps).toBeCloseTo(38, 6);
    expect(m.longestMs).toBe(80);
    expect(m.frameP50Ms).toBeCloseTo(1000 / 38, 6);
  });

  it('gives one run back as it is', () => {
    const only = run(50, 40);
    expect(medianFrameFigures([only])).toEqual(only);
  });
});

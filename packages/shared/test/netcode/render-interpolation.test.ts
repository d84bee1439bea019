import { describe, expect, it } from 'vitest';
import { lerpPoint } from '../../src/netcode/point.js';
import { FixedStepClock } from '../../src/netcode/render-interpolation.js';

describe('FixedStepClock', () => {
  it.each([60, 120, 144])('runs exactly 30 ticks a second at %i Hz', (hz) => {
    const clock = new FixedStepClock(1000 / 30);
    let ticks = 0;
    for (let frame = 0; frame < hz * 10; frame++) ticks += clock.advance(1000 / hz);
    expect(ticks).toBeGreaterThanOrEqual(299);
    expect(ticks).toBeLessThanOrEqual(300);
  });

  it('reports how far the frame is into the next tick', () => {
    const clock = new FixedStepClock(100);
    expect(clock.advance(25)).toBe(0);
    expect(clock.alpha).toBeCloseTo(0.25, 9);
    expect(clock.advance(100)).toBe(1);
    expect(clock.alpha).toBeCloseTo(0.25, 9);
  });

  it('blends smoothly at 144 Hz: drawn steps are even, never a 30 Hz stair', () => {
    const clock = new FixedStepClock(1000 / 30);
    let previous = { x: 0, y: 0 };
    let current = { x: 0, y: 0 };
    const drawn: number[] = [];
    for (let frame = 0; frame < 144; frame++) {
      for (let n = clock.advance(1000 / 144); n > 0; n--) {
        previous = current;
        current = { x: current.x + 8, y: 0 };
      }
      drawn.push(lerpPoint(previous, current, clock.alpha).x);
    }
    const steps = drawn.slice(1).map((x, i) => x - drawn[i]!);
    // 240 px/s at 144 Hz is 1.67 px per frame; a 30 Hz stair would show 0s and 8s.
    for (const step of steps.slice(10)) expect(step).toBeCloseTo(240 / 144, 6);
  });

  it('catches up after a long pause by at most a bounded number of ticks', () => {
    const clock = new FixedStepClock(1000 / 30, 8);
    expect(clock.advance(5000)).toBe(8);
    expect(clock.droppedMs).toBeGreaterThan(4000);
    expect(clock.advance(1000 / 60)).toBeLessThanOrEqual(1);
  });
});

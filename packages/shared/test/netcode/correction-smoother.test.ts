import { describe, expect, it } from 'vitest';
import { CorrectionSmoother } from '../../src/netcode/correction-smoother.js';
import { magnitude } from '../../src/netcode/point.js';

describe('CorrectionSmoother', () => {
  it('fades a correction out without ever moving more than the cap per frame', () => {
    const smoother = new CorrectionSmoother({ maxSpeedPxPerS: 120 });
    smoother.add(60, -30);
    const steps: number[] = [];
    for (let frame = 0; frame < 120; frame++) {
      smoother.advance(1000 / 60);
      steps.push(smoother.lastStepPx);
    }
    expect(Math.max(...steps)).toBeLessThanOrEqual(2 + 1e-9);
    expect(magnitude(smoother.offset)).toBe(0);
  });

  it('gets most of a small correction done in a few frames', () => {
    const smoother = new CorrectionSmoother();
    smoother.add(3, 0);
    for (let frame = 0; frame < 6; frame++) smoother.advance(1000 / 60);
    expect(magnitude(smoother.offset)).toBeLessThan(0.5);
  });

  it('teleports when the error is huge', () => {
    const smoother = new CorrectionSmoother({ teleportPx: 200 });
    expect(smoother.add(150, 0)).toBe(false);
    expect(smoother.add(100, 0)).toBe(true);
    expect(smoother.offset).toEqual({ x: 0, y: 0 });
    expect(smoother.teleports).toBe(1);
  });
});

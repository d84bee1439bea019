import { describe, expect, it } from 'vitest';
import { medianFigures, ratios, runOrder } from '../../src/bench/compare.js';
import { quietRun } from './figures-fixture.js';

describe('comparison', () => {
  it('alternates who goes first, so a steady drift in load falls on both alike', () => {
    expect(runOrder(['floor', 'arena'], 3)).toEqual([
      'floor',
      'arena',
      'arena',
      'floor',
      'floor',
      'arena',
    ]);
  });

  it('takes the median figure by figure, skipping figures a run did not have', () => {
    const m = medianFigures([
      quietRun({ serverCoresPerClient: 1, ackP99Ms: null }),
      quietRun({ serverCoresPerClient: 3, ackP99Ms: 50 }),
      quietRun({ serverCoresPerClient: 2, ackP99Ms: 70 }),
    ]);
    expect(m.serverCoresPerClient).toBe(2);
    expect(m.ackP99Ms).toBe(60);
    expect(medianFigures([quietRun({ tickP99Ms: null })]).tickP99Ms).toBeNull();
  });

  it('gives Arena / floor ratios, null where the floor has nothing to divide by', () => {
    const r = ratios(
      quietRun({ serverCoresPerClient: 0.0022, ackP99BeyondBufferMs: 50, tickP99Ms: null }),
      quietRun({ serverCoresPerClient: 0.001, ackP99BeyondBufferMs: 0 }),
    );
    expect(r.serverCoresPerClient).toBeCloseTo(2.2);
    expect(r.ackP99BeyondBufferMs).toBeNull();
    expect(r.tickP99Ms).toBeNull();
  });
});

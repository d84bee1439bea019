import { describe, expect, it } from 'vitest';
import {
  MOST_RESTART_DELAY_MS,
  RestartPacing,
  STEADY_RUN_MS,
} from '../src/launch/restart-pacing.js';

describe('RestartPacing', () => {
  it('waits a second, then twice as long each time a process ends soon after its start', () => {
    const pacing = new RestartPacing();
    const waits = [];
    let now = 0;
    for (let end = 0; end < 7; end++) {
      const wait = pacing.delayAfter(now, now + 200);
      waits.push(wait);
      now += 200 + wait;
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, MOST_RESTART_DELAY_MS, 30_000]);
    expect(pacing.endsInARow).toBe(7);
  });

  it('starts a process that ran steadily again a second later', () => {
    const pacing = new RestartPacing();
    pacing.delayAfter(0, 100);
    pacing.delayAfter(1100, 1200);
    expect(pacing.delayAfter(3200, 3200 + STEADY_RUN_MS)).toBe(1000);
    expect(pacing.endsInARow).toBe(1);
  });
});

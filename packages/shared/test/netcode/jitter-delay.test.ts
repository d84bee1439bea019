import { describe, expect, it } from 'vitest';
import { JitterDelay } from '../../src/netcode/jitter-delay.js';
import { LinkProfiles, type LinkProfile } from '../../src/netcode/link-profile.js';
import { SimulatedLink } from '../../src/netcode/link-simulator.js';

const INTERVAL_MS = 1000 / 30;

/** Snapshots every interval over `profile`; the render clock is read every 60 Hz frame. */
function run(profile: LinkProfile, seconds: number, seed = 1) {
  const link = new SimulatedLink<number>(profile, seed);
  const delay = new JitterDelay(INTERVAL_MS);
  const renderTimes: number[] = [];
  const frameMs = 1000 / 60;
  let nextSnapshot = 0;
  for (let frame = 0; frame * frameMs < seconds * 1000; frame++) {
    const now = frame * frameMs;
    while (nextSnapshot <= now) {
      link.send(nextSnapshot, nextSnapshot);
      nextSnapshot += INTERVAL_MS;
    }
    for (const serverTime of link.receive(now)) delay.onSnapshot(serverTime, now);
    renderTimes.push(delay.renderServerTimeMs(now));
  }
  return { delay, renderTimes, frameMs };
}

describe('JitterDelay', () => {
  it('settles at about two snapshot intervals on a clean link', () => {
    const { delay } = run(LinkProfiles.lan, 30);
    expect(delay.delayMs).toBeGreaterThanOrEqual(2 * INTERVAL_MS - 1);
    expect(delay.delayMs).toBeLessThan(2 * INTERVAL_MS + 5);
  });

  it('buffers more on a jittery link, and enough to ride out stalls', () => {
    const wifi = run(LinkProfiles.wifi, 30).delay.delayMs;
    const far = run(LinkProfiles.far, 60).delay.delayMs;
    expect(wifi).toBeGreaterThan(2 * INTERVAL_MS);
    expect(far).toBeGreaterThan(LinkProfiles.far.stallMs);
  });

  it('stays within its bounds', () => {
    const { delay } = run(LinkProfiles.badMobile, 60);
    expect(delay.delayMs).toBeLessThanOrEqual(delay.options.maxDelayMs + 1e-9);
  });

  it('moves the render clock smoothly: never backwards, never much faster than real time', () => {
    const { renderTimes, frameMs, delay } = run(LinkProfiles.far, 60);
    const steps = renderTimes
      .slice(1)
      .map((t, i) => t - renderTimes[i]!)
      .filter(Number.isFinite);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(
      frameMs * (1 - delay.options.growRate) - 1e-9,
    );
    expect(Math.max(...steps)).toBeLessThanOrEqual(frameMs * (1 + delay.options.shrinkRate) + 1e-9);
  });

  it('reports arrival jitter', () => {
    expect(run(LinkProfiles.lan, 5).delay.jitterMs).toBeCloseTo(0, 6);
    expect(run(LinkProfiles.wifi, 10).delay.jitterMs).toBeGreaterThan(2);
  });
});

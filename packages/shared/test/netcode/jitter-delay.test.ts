import { describe, expect, it } from 'vitest';
import { JitterDelay } from '../../src/netcode/jitter-delay.js';
import { LinkProfiles, makeLinkProfile, type LinkProfile } from '../../src/netcode/link-profile.js';
import { SimulatedLink } from '../../src/netcode/link-simulator.js';

const INTERVAL_MS = 1000 / 30;
const FRAME_MS = 1000 / 60;

/** Snapshots every interval over `profile`; the render clock is read every 60 Hz frame. */
function run(profile: LinkProfile, seconds: number, seed = 1) {
  const link = new SimulatedLink<number>(profile, seed);
  const delay = new JitterDelay(INTERVAL_MS);
  const renderTimes: number[] = [];
  const newest: number[] = [];
  let nextSnapshot = 0;
  let newestServerTime = -Infinity;
  for (let frame = 0; frame * FRAME_MS < seconds * 1000; frame++) {
    const now = frame * FRAME_MS;
    while (nextSnapshot <= now) {
      link.send(nextSnapshot, nextSnapshot);
      nextSnapshot += INTERVAL_MS;
    }
    for (const serverTime of link.receive(now)) {
      delay.onSnapshot(serverTime, now);
      newestServerTime = serverTime;
    }
    renderTimes.push(delay.renderServerTimeMs(now));
    newest.push(newestServerTime);
  }
  return { delay, renderTimes, newest };
}

/** A steady stream, one snapshot per interval, where `late(n)` says how late the n-th is. */
function stream(delay: JitterDelay, count: number, late: (n: number) => number, held = false) {
  for (let n = 0; n < count; n++) {
    const lateMs = late(n);
    delay.onSnapshot(n * INTERVAL_MS, n * INTERVAL_MS + 50 + lateMs, held && lateMs > 0);
  }
}

describe('JitterDelay', () => {
  it('settles at about two snapshot intervals on a clean link', () => {
    const { delay } = run(LinkProfiles.lan, 30);
    expect(delay.delayMs).toBeGreaterThanOrEqual(2 * INTERVAL_MS - 1);
    expect(delay.delayMs).toBeLessThan(2 * INTERVAL_MS + 5);
  });

  it('buffers the jitter of a link, not its stalls (extrapolation covers those)', () => {
    // ± 60 ms of jitter, no stalls: a spread of 120 ms to hold.
    const jittery = run(makeLinkProfile('jittery', 150, 60), 60).delay;
    expect(jittery.targetDelayMs).toBeGreaterThan(100);
    const far = run(LinkProfiles.far, 60).delay;
    expect(far.targetDelayMs).toBeLessThan(LinkProfiles.far.stallMs / 2);
  });

  it('stays within its bounds', () => {
    const { delay } = run(LinkProfiles.badMobile, 60);
    expect(delay.targetDelayMs).toBeLessThanOrEqual(delay.options.maxDelayMs + 1e-9);
  });

  it('moves the render clock smoothly: never backwards, never much faster than real time', () => {
    const { renderTimes, delay } = run(LinkProfiles.far, 60);
    const steps = renderTimes
      .slice(1)
      .map((t, i) => t - renderTimes[i]!)
      .filter(Number.isFinite);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(0);
    const fastest = FRAME_MS * (1 + delay.options.catchUpRate);
    expect(Math.max(...steps)).toBeLessThanOrEqual(fastest + 1e-9);
  });

  it('runs on at real speed for one interval past the newest snapshot, then creeps', () => {
    const delay = new JitterDelay(INTERVAL_MS, { dryRate: 0.2, maxAheadMs: 300 });
    stream(delay, 30, () => 0);
    const newest = 29 * INTERVAL_MS;
    // Far behind where it wants to be, so it would catch up if it could.
    let now = newest + 400;
    let render = delay.renderServerTimeMs(now);
    while (render <= newest) render = delay.renderServerTimeMs((now += FRAME_MS));
    const steps: number[] = [];
    while (render < newest + INTERVAL_MS) {
      const before = render;
      render = delay.renderServerTimeMs((now += FRAME_MS));
      steps.push(render - before);
    }
    // Never faster than real time past the newest snapshot: no catching up on a guess.
    expect(Math.max(...steps)).toBeLessThanOrEqual(FRAME_MS + 1e-9);
    expect(steps.slice(1, -1).every((step) => Math.abs(step - FRAME_MS) < 1e-9)).toBe(true);
    expect(delay.renderServerTimeMs(now + 100) - render).toBeCloseTo(20, 6);
  });

  it('creeps on past the newest snapshot, and stops where extrapolation ends', () => {
    const delay = new JitterDelay(INTERVAL_MS, { runOnMs: 0, dryRate: 0.2, maxAheadMs: 300 });
    stream(delay, 30, () => 0);
    const newest = 29 * INTERVAL_MS;
    let now = newest + 50;
    let render = delay.renderServerTimeMs(now);
    // Nothing more arrives: run until the render clock has passed the newest snapshot.
    while (render <= newest) render = delay.renderServerTimeMs((now += FRAME_MS));
    const before = render;
    render = delay.renderServerTimeMs((now += 100));
    expect(render - before).toBeCloseTo(20, 6);
    for (let n = 0; n < 600; n++) render = delay.renderServerTimeMs((now += FRAME_MS));
    expect(render).toBe(newest + 300);
  });

  it('counts a burst that waited behind a late snapshot once, not once per snapshot', () => {
    const burst = new JitterDelay(INTERVAL_MS);
    // Every eighth snapshot is lost and resent 300 ms later; the seven behind it wait for it.
    for (let n = 0; n < 600; n++) {
      const lost = Math.floor(n / 8) * 8;
      const arrival = Math.max(n * INTERVAL_MS + 50, lost * INTERVAL_MS + 350);
      burst.onSnapshot(n * INTERVAL_MS, arrival);
    }
    expect(burst.targetDelayMs).toBeLessThan(2 * INTERVAL_MS + 1);
  });

  it('ignores the lateness of snapshots that waited for our own event loop', () => {
    const hitchy = (n: number) => (n % 5 < 2 ? 150 : 0);
    const network = new JitterDelay(INTERVAL_MS);
    stream(network, 600, hitchy);
    const local = new JitterDelay(INTERVAL_MS);
    stream(local, 600, hitchy, true);
    expect(network.targetDelayMs).toBeGreaterThan(150);
    expect(local.targetDelayMs).toBeCloseTo(2 * INTERVAL_MS, 6);
  });

  it('reports arrival jitter', () => {
    expect(run(LinkProfiles.lan, 5).delay.jitterMs).toBeCloseTo(0, 6);
    expect(run(LinkProfiles.wifi, 10).delay.jitterMs).toBeGreaterThan(2);
  });
});

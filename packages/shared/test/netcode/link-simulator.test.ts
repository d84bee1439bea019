import { describe, expect, it } from 'vitest';
import { LinkProfiles, makeLinkProfile } from '../../src/netcode/link-profile.js';
import { SimulatedLink } from '../../src/netcode/link-simulator.js';

/** Sends one packet every `everyMs` for `count` packets, receiving every millisecond. */
function run(link: SimulatedLink<number>, count: number, everyMs: number) {
  const arrivals: { id: number; sentMs: number; atMs: number }[] = [];
  const endMs = count * everyMs + 5000;
  for (let now = 0; now <= endMs; now++) {
    if (now % everyMs === 0 && now / everyMs < count) link.send(now, now / everyMs);
    for (const id of link.receive(now)) arrivals.push({ id, sentMs: id * everyMs, atMs: now });
  }
  return arrivals;
}

describe('SimulatedLink', () => {
  it('delivers after the latency and not before', () => {
    const link = new SimulatedLink<string>(makeLinkProfile('fixed', 50), 1);
    link.send(0, 'a');
    expect(link.receive(49)).toEqual([]);
    expect(link.nextDeliveryAtMs()).toBe(50);
    expect(link.receive(50)).toEqual(['a']);
    expect(link.nextDeliveryAtMs()).toBeUndefined();
  });

  it('keeps jitter within its bounds and never reorders', () => {
    const arrivals = run(new SimulatedLink(LinkProfiles.wifi, 7), 2000, 33);
    expect(arrivals.map((a) => a.id)).toEqual([...Array(2000).keys()]);
    const delays = arrivals.map((a) => a.atMs - a.sentMs);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...delays)).toBeLessThanOrEqual(51);
  });

  it('turns a lost packet into a stall and a burst, still in order', () => {
    const link = new SimulatedLink<number>(LinkProfiles.far, 3);
    const arrivals = run(link, 3000, 33);
    expect(arrivals.map((a) => a.id)).toEqual([...Array(3000).keys()]);
    // About 1% of packets stall the link by about one round trip.
    expect(link.stats.stalls).toBeGreaterThan(15);
    expect(link.stats.stalls).toBeLessThan(45);
    const delays = arrivals.map((a) => a.atMs - a.sentMs);
    expect(Math.max(...delays)).toBeGreaterThanOrEqual(LinkProfiles.far.stallMs + 120);
    // A burst: several packets arrive in the same millisecond after a stall.
    const perMs = new Map<number, number>();
    for (const a of arrivals) perMs.set(a.atMs, (perMs.get(a.atMs) ?? 0) + 1);
    expect(Math.max(...perMs.values())).toBeGreaterThanOrEqual(5);
  });

  it('is repeatable from its seed', () => {
    const a = run(new SimulatedLink(LinkProfiles.badMobile, 42), 500, 33);
    const b = run(new SimulatedLink(LinkProfiles.badMobile, 42), 500, 33);
    const c = run(new SimulatedLink(LinkProfiles.badMobile, 43), 500, 33);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

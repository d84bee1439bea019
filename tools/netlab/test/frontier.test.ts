import { describe, expect, it } from 'vitest';
import { delayLowerBound, firstOfTwo, type Arrival } from '../src/frontier.js';

/** One snapshot per ms, 0 ms transit, except those sent in [from, to) arrive together at `to`. */
function linkWithOneStall(endMs: number, from: number, to: number): Arrival[] {
  return Array.from({ length: endMs }, (_, t) => ({
    serverTimeMs: t,
    atMs: t >= from && t < to ? to : t,
  }));
}

describe('delayLowerBound', () => {
  it('is the least delay on a steady link', () => {
    const steady = Array.from({ length: 300 }, (_, i) => ({
      serverTimeMs: i * 33,
      atMs: i * 33 + 100,
    }));
    const limits = { horizonMs: 100, catchUpRate: 0.2, minDelayMs: 66 };
    expect(delayLowerBound(steady, limits, 1000)).toBe(66);
  });

  it('rises as fast as a stopped clock before a stall ends and falls at the catch-up rate', () => {
    // The newest snapshot ages to 500 ms at t = 999; extrapolating 100 ms of it, others are
    // drawn 400 ms behind at worst: a ramp up over 400 ms, then down over 400 / 0.5 = 800 ms.
    const arrivals = linkWithOneStall(2000, 500, 1000);
    const limits = { horizonMs: 100, catchUpRate: 0.5, minDelayMs: 0 };
    const area = (400 * 400) / 2 + (400 * 800) / 2;
    expect(delayLowerBound(arrivals, limits, 0)).toBeCloseTo(area / 1999, 0);
  });

  it('needs less delay the further others may be extrapolated or the faster it catches up', () => {
    const arrivals = linkWithOneStall(2000, 500, 1000);
    const at = (horizonMs: number, catchUpRate: number) =>
      delayLowerBound(arrivals, { horizonMs, catchUpRate, minDelayMs: 0 }, 0);
    expect(at(300, 0.5)).toBeLessThan(at(100, 0.5));
    expect(at(100, 1)).toBeLessThan(at(100, 0.5));
    expect(at(500, 0.5)).toBe(0);
  });
});

describe('firstOfTwo', () => {
  it('has each snapshot when its first copy arrives, so either stream bridges a stall of the other', () => {
    const stalled = linkWithOneStall(2000, 500, 1000);
    const other = linkWithOneStall(2000, 1500, 1900);
    const both = firstOfTwo(stalled, other);
    expect(both.map((a) => a.atMs)).toEqual(both.map((a) => a.serverTimeMs));
    const limits = { horizonMs: 0, catchUpRate: 0.5, minDelayMs: 0 };
    expect(delayLowerBound(both, limits, 0)).toBe(0);
    expect(delayLowerBound(stalled, limits, 0)).toBeGreaterThan(100);
  });
});

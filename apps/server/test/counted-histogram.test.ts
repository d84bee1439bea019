/** The tick histogram counts in plain numbers and must expose exactly what prom-client's would. */
import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { CountedHistogram } from '../src/counted-histogram.js';

const BOUNDS = [0.0001, 0.001, 0.01, 0.1];
const SECONDS = [0.00005, 0.0001, 0.0003, 0.002, 0.1, 0.5, 0.00099];

describe('CountedHistogram', () => {
  it("exposes the same text and JSON as prom-client's histogram given the same values", async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const histogram = new CountedHistogram('tick_seconds', 'A tick', BOUNDS, ours);
    const reference = new Histogram({
      name: 'tick_seconds',
      help: 'A tick',
      buckets: BOUNDS,
      registers: [theirs],
    });
    for (const seconds of SECONDS) {
      histogram.record(seconds);
      reference.observe(seconds);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
  });
});

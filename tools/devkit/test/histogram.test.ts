import { describe, expect, it } from 'vitest';
import {
  emptyHistogram,
  HISTOGRAM_BUCKET_MS,
  HISTOGRAM_RANGE_MS,
  histogramPercentile,
  mergeHistogramInto,
  recordInto,
} from '../src/histogram.js';
import { percentile } from '../src/stats.js';

function histogramOf(values: number[]) {
  const h = emptyHistogram();
  for (const v of values) recordInto(h, v);
  return h;
}

describe('latency histogram', () => {
  it('gives the nearest-rank percentile to within one bucket', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7.3) % 250);
    const h = histogramOf(values);
    for (const q of [0, 0.01, 0.5, 0.9, 0.99, 1]) {
      const exact = percentile(values, q);
      expect(Math.abs(histogramPercentile(h, q)! - exact)).toBeLessThanOrEqual(HISTOGRAM_BUCKET_MS);
    }
    expect(h.total).toBe(1000);
  });

  it('is null when empty, and never reports more than the largest sample', () => {
    expect(histogramPercentile(emptyHistogram(), 0.5)).toBeNull();
    expect(histogramPercentile(histogramOf([10.1]), 0.99)).toBeCloseTo(10.1);
  });

  it('keeps samples past its range as overflow, with their maximum', () => {
    const h = histogramOf([1, 2, HISTOGRAM_RANGE_MS + 500]);
    expect(h.overflow).toBe(1);
    expect(histogramPercentile(h, 1)).toBe(HISTOGRAM_RANGE_MS + 500);
    expect(histogramPercentile(h, 0.5)).toBeLessThan(3);
  });

  it('adds up exactly: merged halves give the percentiles of the whole', () => {
    const a = Array.from({ length: 500 }, (_, i) => i / 5);
    const b = Array.from({ length: 300 }, (_, i) => 50 + i);
    const merged = mergeHistogramInto(histogramOf(a), histogramOf(b));
    const whole = histogramOf([...a, ...b]);
    expect(merged).toEqual(whole);
    // JSON and structured clone keep it whole: it is plain data.
    expect(JSON.parse(JSON.stringify(merged))).toEqual(whole);
  });

  it('ignores values that are not finite and clamps negative ones to 0', () => {
    const h = histogramOf([Number.NaN, Infinity, -3]);
    expect(h.total).toBe(1);
    expect(histogramPercentile(h, 0.5)).toBe(0);
  });
});

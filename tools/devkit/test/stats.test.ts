import { describe, expect, it } from 'vitest';
import { max, mean, median, percentile, sum } from '../src/stats.js';

describe('percentile', () => {
  it('is the nearest rank: the smallest value with at least q of the values at or below it', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 0.5)).toBe(5);
    expect(percentile(values, 0.9)).toBe(9);
    expect(percentile(values, 0.99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 0.99)).toBe(42);
  });

  it('is 0 for no values, as are the other summaries', () => {
    expect([percentile([], 0.5), mean([]), max([]), sum([])]).toEqual([0, 0, 0, 0]);
    expect([mean([1, 2, 6]), max([1, 7, 3]), sum([1, 2, 3])]).toEqual([3, 7, 6]);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

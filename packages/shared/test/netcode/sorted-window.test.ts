import { describe, expect, it } from 'vitest';
import { SortedWindow } from '../../src/netcode/sorted-window.js';

describe('SortedWindow', () => {
  it('answers min and quantiles of the values in the window only', () => {
    const w = new SortedWindow(1000);
    expect(w.min).toBeUndefined();
    expect(w.quantile(0.5)).toBeUndefined();
    [5, 1, 9, 3, 7].forEach((v, i) => w.add(i * 100, v));
    expect(w.min).toBe(1);
    expect(w.quantile(0.5)).toBe(5);
    expect(w.quantile(1)).toBe(9);
    // At 1200 the values added at 0, 100 and 200 (5, 1, 9) have left the window.
    w.add(1200, 4);
    expect(w.size).toBe(3);
    expect(w.min).toBe(3);
    expect(w.quantile(1)).toBe(7);
  });

  it('stays bounded by the window over a long run', () => {
    const w = new SortedWindow(100);
    for (let t = 0; t < 100_000; t++) w.add(t, t % 17);
    expect(w.size).toBe(100);
  });
});

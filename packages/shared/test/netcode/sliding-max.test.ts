import { describe, expect, it } from 'vitest';
import { SlidingMax } from '../../src/netcode/sliding-max.js';

describe('SlidingMax', () => {
  it('is the largest of the last values pushed, as a plain scan finds it', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 100;
    for (const capacity of [1, 2, 5, 256]) {
      const window = new SlidingMax(capacity);
      const all: number[] = [];
      for (let i = 0; i < 3000; i++) {
        // Long decreasing runs too, the case that keeps every value a candidate.
        const value = i % 500 < 300 ? 1000 - i : Math.round(random());
        window.push(value);
        all.push(value);
        expect(window.max).toBe(Math.max(...all.slice(-capacity)));
      }
    }
  });

  it('forgets everything on clear', () => {
    const window = new SlidingMax(4);
    window.push(3);
    window.clear();
    expect(window.max).toBe(-Infinity);
    window.push(-5);
    expect(window.max).toBe(-5);
  });
});

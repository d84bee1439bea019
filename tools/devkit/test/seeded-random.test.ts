import { nextRandom, seedFrom } from '@arena/shared/sim';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../src/seeded-random.js';

describe('SeededRandom', () => {
  it('is the sim generator: the same seed gives the same numbers', () => {
    const random = new SeededRandom(42);
    const first = nextRandom(seedFrom(42));
    expect(random.next()).toBe(first.value);
    expect(random.next()).toBe(nextRandom(first.state).value);
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(
      Array.from({ length: 20 }, () => b.next()),
    );
  });

  it('keeps its pickers inside their ranges and reaches both ends', () => {
    const random = new SeededRandom(1);
    const ints = new Set(Array.from({ length: 500 }, () => random.int(2, 5)));
    expect([...ints].sort()).toEqual([2, 3, 4, 5]);
    const picks = new Set(Array.from({ length: 200 }, () => random.pick(['a', 'b', 'c'])));
    expect(picks.size).toBe(3);
    for (let i = 0; i < 200; i++) {
      const x = random.between(-1, 1);
      expect(x).toBeGreaterThanOrEqual(-1);
      expect(x).toBeLessThan(1);
    }
    expect(random.chance(0)).toBe(false);
    expect(random.chance(1)).toBe(true);
  });
});

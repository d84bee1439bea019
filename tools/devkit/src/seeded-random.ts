/**
 * The sim's seeded generator (mulberry32, `@arena/shared/sim`) as an object, for bots, tools and
 * test fixtures: the same seed gives the same run, every time.
 */
import { nextRandom, seedFrom } from '@arena/shared/sim';

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seedFrom(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    const r = nextRandom(this.state);
    this.state = r.state;
    return r.value;
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
}

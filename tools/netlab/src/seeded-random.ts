/** The sim's seeded generator wrapped for bots: same seed, same game, every run. */
import { nextRandom, seedFrom } from '@arena/shared/sim';

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seedFrom(seed);
  }

  next(): number {
    const r = nextRandom(this.state);
    this.state = r.state;
    return r.value;
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

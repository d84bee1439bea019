/**
 * The fuzzer's seeded random generator (mulberry32) and a few pickers. A failing fuzz run
 * prints its seed; running again with FUZZ_SEED set to it sends the same packets.
 */
export class FuzzRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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

  /** Random characters, including controls, surrogate halves and bidi overrides. */
  text(length: number): string {
    const pools = [
      'abcXYZ019 _-',
      '\u0000\u0007\u001b\u007f\u0085',
      '\u200b\u202e\u2066\ufeff',
      '\ud800\udfff',
      'é漢😀',
    ];
    let out = '';
    for (let i = 0; i < length; i++) {
      const pool = this.pick(pools);
      out += pool[this.int(0, pool.length - 1)];
    }
    return out;
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }
}

/** FUZZ_SEED and FUZZ_PACKETS from the environment, with defaults that keep CI fast. */
export function fuzzSettings(env: Record<string, string | undefined>): {
  seed: number;
  packets: number;
} {
  const seed = Number(env.FUZZ_SEED ?? 0x5eed);
  const packets = Number(env.FUZZ_PACKETS ?? 10_000);
  if (!Number.isInteger(seed) || seed < 0)
    throw new Error(`FUZZ_SEED must be a non-negative integer, not ${env.FUZZ_SEED}`);
  if (!Number.isInteger(packets) || packets < 1)
    throw new Error(`FUZZ_PACKETS must be a positive integer, not ${env.FUZZ_PACKETS}`);
  return { seed, packets };
}

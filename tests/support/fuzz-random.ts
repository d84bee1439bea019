/**
 * The fuzzer's seeded random generator (the sim's mulberry32, through devkit) with pickers for
 * hostile text and bytes. A failing fuzz run prints its seed; running again with FUZZ_SEED set
 * to it sends the same packets.
 */
import { SeededRandom } from '@arena/devkit';

export class FuzzRandom extends SeededRandom {
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

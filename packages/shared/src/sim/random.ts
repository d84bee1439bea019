/**
 * A seeded random generator (mulberry32). The whole state is one 32-bit integer kept in the
 * world, so a world and its inputs always produce the same next world.
 */
export interface RandomResult {
  value: number;
  state: number;
}

/** Returns a float in [0, 1) and the generator's next state. */
export function nextRandom(state: number): RandomResult {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return { value, state: next };
}

/** Turns any number (a time, a counter) into a usable generator state. */
export function seedFrom(seed: number): number {
  return (Math.floor(seed) ^ 0x9e3779b9) | 0;
}

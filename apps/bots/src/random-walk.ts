/**
 * What a bot presses each tick: a seeded random walk that keeps a direction for a while, like
 * a person holding keys, with an occasional dash (pressed for one tick, so it counts as a press).
 */
import { Button } from '@arena/shared/protocol';

const DIRECTIONS = [
  0,
  Button.Up,
  Button.Down,
  Button.Left,
  Button.Right,
  Button.Up | Button.Left,
  Button.Up | Button.Right,
  Button.Down | Button.Left,
  Button.Down | Button.Right,
];

/** A small seeded generator (mulberry32): bots are reproducible from their seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WalkOptions {
  /** Chance per tick of picking a new direction. */
  turnChance?: number;
  /** Chance per tick of pressing dash. */
  dashChance?: number;
}

export function randomWalk(seed: number, options: WalkOptions = {}): () => number {
  const random = seededRandom(seed);
  const turnChance = options.turnChance ?? 0.05;
  const dashChance = options.dashChance ?? 0.01;
  let direction = DIRECTIONS[1 + Math.floor(random() * 8)]!;
  return () => {
    if (random() < turnChance) direction = DIRECTIONS[Math.floor(random() * DIRECTIONS.length)]!;
    return random() < dashChance ? direction | Button.Dash : direction;
  };
}

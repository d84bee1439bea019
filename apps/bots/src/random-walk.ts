/**
 * What a bot presses each tick: a seeded random walk that keeps a direction for a while, like
 * a person holding keys, with an occasional dash (pressed for one tick, so it counts as a press).
 */
import { SeededRandom } from '@arena/devkit';
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

export interface WalkOptions {
  /** Chance per tick of picking a new direction. */
  turnChance?: number;
  /** Chance per tick of pressing dash. */
  dashChance?: number;
}

export function randomWalk(seed: number, options: WalkOptions = {}): () => number {
  const random = new SeededRandom(seed);
  const turnChance = options.turnChance ?? 0.05;
  const dashChance = options.dashChance ?? 0.01;
  let direction = random.pick(DIRECTIONS.slice(1));
  return () => {
    if (random.chance(turnChance)) direction = random.pick(DIRECTIONS);
    return random.chance(dashChance) ? direction | Button.Dash : direction;
  };
}

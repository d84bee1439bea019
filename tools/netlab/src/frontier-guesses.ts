/**
 * Ways to guess where another player is some time after the newest snapshot, each from that
 * snapshot alone (position, velocity, dash state and the buttons it applied on that tick).
 * The frontier scores each on the bots' real movement, so the claim "no guess stays within
 * the error target that far ahead" rests on more than the one the client ships.
 */
import { pointOnPath, reckonPath, type Point } from '@arena/shared/netcode/client';
import { constantsFor, movePlayer, type PlayerState, type SimConfig } from '@arena/shared/sim';

export type Guess = (from: PlayerState, aheadMs: number, config: SimConfig) => Point;

/** The sim's own movement run on for `aheadMs` with `buttons` held, each step at most `maxStepPx`. */
function simulated(
  from: PlayerState,
  buttons: number,
  aheadMs: number,
  config: SimConfig,
  maxStepPx = Infinity,
): Point {
  const k = constantsFor(config);
  const tickMs = 1000 / config.tickRateHz;
  const player = { ...from };
  const path: Point[] = [{ x: player.x, y: player.y }];
  for (let n = 0; n < Math.ceil(aheadMs / tickMs); n++) {
    const before = path[n]!;
    movePlayer(player, buttons, config, k);
    const scale = Math.min(1, maxStepPx / Math.hypot(player.x - before.x, player.y - before.y));
    player.x = before.x + (player.x - before.x) * scale;
    player.y = before.y + (player.y - before.y) * scale;
    path.push({ x: player.x, y: player.y });
  }
  return pointOnPath(path, aheadMs, tickMs, aheadMs);
}

const held: Guess = (from, aheadMs, config) =>
  pointOnPath(reckonPath(from, config, aheadMs), aheadMs, 1000 / config.tickRateHz, aheadMs);

export const GUESSES = {
  /** What the client draws (`reckonPath`): its buttons held, a dash carried on at its speed. */
  held,
  /** The same with every step capped at walking speed, as the client drew a dash before. */
  walkingCap: (from, aheadMs, config) =>
    simulated(from, from.lastButtons, aheadMs, config, config.maxSpeed / config.tickRateHz),
  /** Every key released: the player brakes to a stop. */
  released: (from, aheadMs, config) => simulated(from, 0, aheadMs, config),
  /** Half of the held-buttons guess: hedging between "keeps going" and "stops". */
  halfway: (from, aheadMs, config) => {
    const ahead = held(from, aheadMs, config);
    return { x: (from.x + ahead.x) / 2, y: (from.y + ahead.y) / 2 };
  },
  /** No guess at all: drawn where the snapshot had it. */
  still: (from) => ({ x: from.x, y: from.y }),
} as const satisfies Record<string, Guess>;

export type GuessName = keyof typeof GUESSES;
export const GUESS_NAMES = Object.keys(GUESSES) as GuessName[];

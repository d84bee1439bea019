/**
 * Dead reckoning: where another player probably is a little after the newest snapshot. A
 * snapshot holds a player's whole movement state (position, velocity, dash, the buttons applied
 * on that tick), so instead of a straight line along the last velocity this runs the sim's own
 * `movePlayer` on, tick by tick, as if the same buttons stayed held: a released player brakes,
 * a turn completes, a wall stops it. Only a change of buttons or a collision makes it wrong.
 *
 * A dash or a knock-back is carried on at its own speed for the ticks it has left, as the sim
 * would: measured on netlab's bots, that halves the p99 error of the guess against carrying
 * it on at walking speed (`npm run netlab:frontier`, and the extrapolation error row of
 * `npm run netlab`), even though a dash sometimes ends early against another player.
 *
 * Bounded in time and distance: at most `maxMs` past the snapshot, then the player is held
 * where it got to; nothing in the sim moves faster than a dash, so never further than
 * 216 px for the default 300 ms (72 px for a walker).
 *
 * Both sides run this one function: the client to draw others through a gap in the snapshot
 * stream, the server to judge a hit where the attacker drew its victim (lag compensation).
 */
import type { SimConfig } from '../sim/config.js';
import { movePlayer } from '../sim/movement.js';
import { constantsFor } from '../sim/step.js';
import type { PlayerState } from '../sim/world.js';
import { lerpPoint, type Point } from './point.js';

/**
 * What dead reckoning starts from: a player as a snapshot (or the server's history) has it,
 * all but who it is and its score. Every field of `PlayerState` travels in snapshots (one row
 * each in protocol/player-fields.ts), so a field the game adds to movement reaches dead
 * reckoning with no edit here.
 */
export type ReckoningStart = Omit<PlayerState, 'id' | 'score'>;

/**
 * How far ahead of the newest snapshot others may be drawn. The render clock also runs
 * slower while it extrapolates (`JitterDelay.dryRate`), so this bridges a longer gap.
 */
export const EXTRAPOLATE_MAX_MS = 300;

/**
 * Positions after 0, 1, 2, … ticks of holding `from.lastButtons`, far enough to cover
 * `maxMs`. Index 0 is `from` itself. Collisions with other players are not simulated.
 */
export function reckonPath(from: ReckoningStart, config: SimConfig, maxMs: number): Point[] {
  const k = constantsFor(config);
  const ticks = Math.ceil(maxMs / (1000 * k.dt));
  const player: PlayerState = { id: 0, score: 0, ...from };
  const path: Point[] = [{ x: from.x, y: from.y }];
  for (let n = 0; n < ticks; n++) {
    movePlayer(player, from.lastButtons, config, k);
    path.push({ x: player.x, y: player.y });
  }
  return path;
}

/** Where `path` (from `reckonPath`) is `aheadMs` after its start, capped at `maxMs`. */
export function pointOnPath(
  path: readonly Point[],
  aheadMs: number,
  tickMs: number,
  maxMs: number,
): Point {
  const ticks = Math.min(Math.max(0, aheadMs), maxMs) / tickMs;
  const whole = Math.min(Math.floor(ticks), path.length - 1);
  const a = path[whole]!;
  const b = path[whole + 1];
  return b ? lerpPoint(a, b, ticks - whole) : { x: a.x, y: a.y };
}

/** `from` carried on for `aheadMs` (capped at `maxMs`), as the client draws it. */
export function extrapolate(
  from: ReckoningStart,
  aheadMs: number,
  config: SimConfig,
  maxMs = EXTRAPOLATE_MAX_MS,
): Point {
  const path = reckonPath(from, config, maxMs);
  return pointOnPath(path, aheadMs, 1000 / config.tickRateHz, maxMs);
}

/**
 * Where each player will be after this tick's movement, before bodies collide: exactly the
 * positions `step` judges dash hits with. Movement looks at no other player, so this is
 * `movePlayer` on copies. Lag compensation needs it to let a victim's present body count.
 */
import { movePlayer } from '../sim/movement.js';
import { constantsFor } from '../sim/step.js';
import type { PlayerState, World } from '../sim/world.js';
import type { Point } from './point.js';

export function presentPositions(
  world: World,
  inputs: ReadonlyMap<number, number>,
): Map<number, Point> {
  return presentPositionsInto(world, inputs, new Map());
}

/** The copy each player is moved on (one: movement reads nothing of another player). */
const moved = {} as PlayerState;

/**
 * `presentPositions` written into `out`, reusing the points it holds: a server runs it on
 * every tick with a dash in it. Afterwards `out` holds exactly `world`'s players. `doubleStep`
 * is `step`'s option of that name: the players that move twice this tick.
 */
export function presentPositionsInto(
  world: World,
  inputs: ReadonlyMap<number, number>,
  out: Map<number, Point>,
  doubleStep?: ReadonlyMap<number, number>,
): Map<number, Point> {
  const k = constantsFor(world.config);
  const { players } = world;
  for (const player of players) {
    Object.assign(moved, player);
    const early = doubleStep?.get(player.id);
    if (early !== undefined) movePlayer(moved, early, world.config, k);
    movePlayer(moved, inputs.get(player.id) ?? 0, world.config, k);
    const point = out.get(player.id);
    if (point) {
      point.x = moved.x;
      point.y = moved.y;
    } else out.set(player.id, { x: moved.x, y: moved.y });
  }
  if (out.size !== players.length) {
    for (const id of out.keys()) if (!players.some((p) => p.id === id)) out.delete(id);
  }
  return out;
}

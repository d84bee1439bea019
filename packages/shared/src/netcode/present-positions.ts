/**
 * Where each player will be after this tick's movement, before bodies collide: exactly the
 * positions `step` judges dash hits with. Movement looks at no other player, so this is
 * `movePlayer` on copies. Lag compensation needs it to let a victim's present body count.
 */
import { movePlayer } from '../sim/movement.js';
import { constantsFor } from '../sim/step.js';
import type { World } from '../sim/world.js';
import type { Point } from './point.js';

export function presentPositions(
  world: World,
  inputs: ReadonlyMap<number, number>,
): Map<number, Point> {
  const k = constantsFor(world.config);
  const out = new Map<number, Point>();
  for (const player of world.players) {
    const moved = { ...player };
    movePlayer(moved, inputs.get(player.id) ?? 0, world.config, k);
    out.set(player.id, { x: moved.x, y: moved.y });
  }
  return out;
}

/**
 * When the server may run two of a player's input slots in one tick (a double step: it trims a
 * buffer a tick deeper than the link needs, see `InputSlots`) without anyone seeing it.
 *
 * The player's own client predicted both inputs, one tick each, so its prediction lands
 * exactly whatever they press. The others see the player cover two ticks of movement in
 * one; that goes unseen when the two moves together are no longer than one tick at full
 * speed, which happens whenever a player starts, stops, turns back or pushes into a wall (a
 * person or a bot does one of those every second or two). Nobody dashes in them (a dash's
 * timing decides hits), and the player touches no coin between the two moves (its client
 * predicts a pickup there, which the server, judging pickups after both, might not see).
 */
import { touchesCoin } from '../sim/coins.js';
import { mayDashThisTick, movePlayer } from '../sim/movement.js';
import { constantsFor } from '../sim/step.js';
import type { PlayerState, World } from '../sim/world.js';

/** The copy the two moves are tried on (one: a tick checks its players one at a time). */
const moved = {} as PlayerState;

export function doubleStepIsUnseen(
  world: World,
  player: PlayerState,
  first: number,
  second: number,
): boolean {
  const { config } = world;
  const k = constantsFor(config);
  if (mayDashThisTick(player, first)) return false;
  movePlayer(Object.assign(moved, player), first, config, k);
  if (mayDashThisTick(moved, second)) return false;
  const reach = config.playerRadius + config.coinRadius;
  for (const coin of world.coins) if (touchesCoin(moved, coin, reach)) return false;
  movePlayer(moved, second, config, k);
  return Math.hypot(moved.x - player.x, moved.y - player.y) <= config.maxSpeed * k.dt;
}

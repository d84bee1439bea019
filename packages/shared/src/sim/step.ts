/**
 * The game in one pure function: `step(world, inputs)` returns the next world and never
 * touches its argument. The server runs it authoritatively; clients run `movePlayer` (the
 * part of it that concerns one player) to predict their own movement.
 */
import { resolveCollisions, type HitPositionLookup } from './collisions.js';
import { collectCoins, spawnCoins } from './coins.js';
import { tickConstants, type SimConfig, type TickConstants } from './config.js';
import { movePlayer } from './movement.js';
import { advanceRound } from './rounds.js';
import { cloneWorld, RoundPhase, type World } from './world.js';

export interface StepOptions {
  /** Lag compensation: where each attacker saw each victim. Default: where the victim is. */
  hitPosition?: HitPositionLookup;
}

const constantsCache = new WeakMap<SimConfig, TickConstants>();

/** Per-tick constants, computed once per config object. */
export function constantsFor(config: SimConfig): TickConstants {
  let k = constantsCache.get(config);
  if (!k) {
    k = tickConstants(config);
    constantsCache.set(config, k);
  }
  return k;
}

/**
 * Advances the world by one tick. `inputs` maps player id to the buttons applied this tick;
 * a player without an entry holds no button.
 */
export function step(
  world: World,
  inputs: ReadonlyMap<number, number>,
  options: StepOptions = {},
): World {
  const next = cloneWorld(world);
  const k = constantsFor(next.config);
  next.tick += 1;
  for (const player of next.players) movePlayer(player, inputs.get(player.id) ?? 0, next.config, k);
  const byId = new Map(next.players.map((p) => [p.id, p]));
  const hitPosition: HitPositionLookup =
    options.hitPosition ?? ((_attacker, victimId) => byId.get(victimId)!);
  resolveCollisions(next.players, next.config, next.events, hitPosition);
  if (next.round.phase === RoundPhase.Playing) {
    collectCoins(next);
    spawnCoins(next, k);
  }
  advanceRound(next, k);
  return next;
}

/**
 * The game in one function, in two forms: `step(world, inputs)` returns the next world and
 * never touches its argument (what a client, a test or a tool wants); `stepInPlace` advances
 * the world it is given, allocating nothing but the events of the tick (what the server runs,
 * 30 times a second per room, where a copy of the world every tick was garbage for nothing).
 * Both give the same world. Clients run `movePlayer` (the part of it that concerns one player)
 * to predict their own movement.
 */
import { resolveCollisions, type HitPositionLookup } from './collisions.js';
import { collectCoins, spawnCoins } from './coins.js';
import { tickConstants, type SimConfig, type TickConstants } from './config.js';
import { movePlayer } from './movement.js';
import { advanceRound } from './rounds.js';
import { cloneWorld, RoundPhase, type PlayerState, type World } from './world.js';

export interface StepOptions {
  /** Lag compensation: where each attacker saw each victim. Default: where the victim is. */
  hitPosition?: HitPositionLookup;
  /**
   * Per player, the buttons of one more input to move by before this tick's own (a server
   * trimming a player's input buffer runs two slots in one tick). Only movement runs
   * twice: bodies collide, dashes hit and coins are picked up once, after both moves.
   */
  doubleStep?: ReadonlyMap<number, number>;
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
  return stepInPlace(cloneWorld(world), inputs, options);
}

/**
 * `step` on `world` itself: advances it by one tick and returns it. Its `events` become a new
 * array when the last tick had any (whoever held those keeps them). If it throws (a bug: game
 * input cannot make it), the world is left part-way through the tick, still plain valid data.
 */
export function stepInPlace(
  world: World,
  inputs: ReadonlyMap<number, number>,
  options: StepOptions = {},
): World {
  const k = constantsFor(world.config);
  if (world.events.length > 0) world.events = [];
  world.tick += 1;
  const { doubleStep } = options;
  for (const player of world.players) {
    const early = doubleStep?.get(player.id);
    if (early !== undefined) movePlayer(player, early, world.config, k);
    movePlayer(player, inputs.get(player.id) ?? 0, world.config, k);
  }
  const hitPosition = options.hitPosition ?? presentBodyOf(world.players);
  resolveCollisions(world.players, world.config, world.events, hitPosition);
  if (world.round.phase === RoundPhase.Playing) {
    collectCoins(world);
    spawnCoins(world, k);
  }
  advanceRound(world, k);
  return world;
}

/** Without lag compensation a victim is judged where it is (looked up only on a dash). */
function presentBodyOf(players: readonly PlayerState[]): HitPositionLookup {
  return (_attacker, victimId) => players.find((p) => p.id === victimId)!;
}

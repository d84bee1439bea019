/**
 * Small builders for sim and netcode tests: a player at rest, a world with players exactly where
 * a test wants them, a seeded input script, and a deep freeze that turns any mutation of a
 * step's input into a throw.
 */
import { Button } from '../../src/protocol/buttons.js';
import {
  DEFAULT_SIM_CONFIG,
  addPlayer,
  createWorld,
  nextRandom,
  step,
  type PlayerState,
  type SimConfig,
  type World,
} from '../../src/sim/index.js';

export type PlayerSetup = Partial<PlayerState> & { id: number };

/** A player at rest (no speed, score, dash or buttons) where `setup` says, else at 400, 400. */
export function restingPlayer(setup: PlayerSetup): PlayerState {
  return {
    x: 400,
    y: 400,
    vx: 0,
    vy: 0,
    score: 0,
    dashTicks: 0,
    dashCooldownTicks: 0,
    lastButtons: 0,
    ...setup,
  };
}

/** A world whose players stand exactly where `players` says, at rest unless told otherwise. */
export function worldWith(
  players: PlayerSetup[],
  config: SimConfig = DEFAULT_SIM_CONFIG,
  seed = 1,
): World {
  const world = createWorld(seed, config);
  world.players = players.map(restingPlayer).sort((a, b) => a.id - b.id);
  return world;
}

/** A config with no coins appearing, for tests about movement or contact only. */
export const NO_COINS: SimConfig = { ...DEFAULT_SIM_CONFIG, maxCoins: 0 };

export function player(world: World, id: number): PlayerState {
  const found = world.players.find((p) => p.id === id);
  if (!found) throw new Error(`no player ${id}`);
  return found;
}

export function speedOf(p: PlayerState): number {
  return Math.hypot(p.vx, p.vy);
}

/** Runs `ticks` steps with the same buttons for one player. */
export function hold(world: World, id: number, buttons: number, ticks: number): World {
  let w = world;
  for (let i = 0; i < ticks; i++) w = step(w, new Map([[id, buttons]]));
  return w;
}

/** A world seeded with `seed` where `playerCount` players were seated by the sim itself. */
export function seatedWorld(seed: number, playerCount: number, config = DEFAULT_SIM_CONFIG): World {
  let world = createWorld(seed, config);
  for (let id = 1; id <= playerCount; id++) world = addPlayer(world, id);
  return world;
}

/**
 * A reproducible input script: each tick, each player holds a random button set, so the run
 * covers dashes, collisions and coins without the test choosing them.
 */
export function scriptedInputs(scriptSeed: number, ticks: number, ids: number[]) {
  let state = scriptSeed;
  const script: Map<number, number>[] = [];
  for (let t = 0; t < ticks; t++) {
    const inputs = new Map<number, number>();
    for (const id of ids) {
      const r = nextRandom(state);
      state = r.state;
      inputs.set(id, Math.floor(r.value * 32));
    }
    script.push(inputs);
  }
  return script;
}

export function run(world: World, script: Map<number, number>[]): World {
  return script.reduce((w, inputs) => step(w, inputs), world);
}

/** A deep copy of plain data (the lib here has no structuredClone: shared has no DOM or Node types). */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => deepCopy(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)])) as T;
  }
  return value;
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

export const MOVE_KEYS = [Button.Up, Button.Down, Button.Left, Button.Right] as const;

/** True when `value` lies on the 1/16 grid the sim promises. */
export function onGrid(value: number): boolean {
  return Number.isInteger(value * 16);
}

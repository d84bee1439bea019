/** Making a world and seating players in it. */
import { DEFAULT_SIM_CONFIG, type SimConfig } from './config.js';
import { quantizePosition } from './quantize.js';
import { nextRandom, seedFrom } from './random.js';
import { constantsFor } from './step.js';
import { RoundPhase, cloneWorld, type PlayerState, type World } from './world.js';

export function createWorld(seed: number, config: SimConfig = DEFAULT_SIM_CONFIG): World {
  return {
    config,
    tick: 0,
    rngState: seedFrom(seed),
    players: [],
    coins: [],
    nextCoinId: 1,
    round: { number: 1, phase: RoundPhase.Playing, ticksLeft: constantsFor(config).roundTicks },
    events: [],
  };
}

/** Seats a new player at a random free-ish spot; returns the new world. */
export function addPlayer(world: World, id: number): World {
  const next = cloneWorld(world);
  const margin = next.config.playerRadius * 3;
  const rx = nextRandom(next.rngState);
  const ry = nextRandom(rx.state);
  next.rngState = ry.state;
  const player: PlayerState = {
    id,
    x: quantizePosition(margin + rx.value * (next.config.arenaWidth - 2 * margin)),
    y: quantizePosition(margin + ry.value * (next.config.arenaHeight - 2 * margin)),
    vx: 0,
    vy: 0,
    score: 0,
    dashTicks: 0,
    dashCooldownTicks: 0,
    lastButtons: 0,
  };
  next.players = [...next.players.filter((p) => p.id !== id), player].sort((a, b) => a.id - b.id);
  return next;
}

export function removePlayer(world: World, id: number): World {
  const next = cloneWorld(world);
  next.players = next.players.filter((p) => p.id !== id);
  return next;
}

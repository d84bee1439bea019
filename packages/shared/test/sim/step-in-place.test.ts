/**
 * The server's step: the same world as `step`, tick by tick, on the world it is given, and
 * `mayDashThisTick` (which lets the server skip judging hits) never misses a dash.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIM_CONFIG,
  cloneWorld,
  constantsFor,
  movePlayer,
  step,
  stepInPlace,
} from '../../src/sim/index.js';
import { mayDashThisTick } from '../../src/sim/movement.js';
import { scriptedInputs, seatedWorld, worldWith } from './fixtures.js';

const IDS = [1, 2, 3, 4, 5, 6];

describe('stepInPlace', () => {
  it('gives the world step gives, tick by tick, coins, hits and rounds included', () => {
    const shortRounds = { ...DEFAULT_SIM_CONFIG, roundSeconds: 20, intermissionSeconds: 2 };
    let pure = seatedWorld(5, IDS.length, shortRounds);
    const inPlace = cloneWorld(pure);
    const events = new Set<string>();
    for (const inputs of scriptedInputs(9, 3000, IDS)) {
      pure = step(pure, inputs);
      expect(stepInPlace(inPlace, inputs)).toBe(inPlace);
      expect(inPlace).toEqual(pure);
      for (const event of inPlace.events) events.add(event.type);
    }
    // The run must have exercised the rules, or equality would prove little.
    expect([...events].sort()).toEqual(['coin-picked', 'dash-hit', 'round-ended', 'round-started']);
  });

  it('hands the last tick its own events: a new array when it had any', () => {
    const world = worldWith([{ id: 1, x: 400, y: 400 }]);
    world.coins = [{ id: 5, x: 400, y: 400 }];
    stepInPlace(world, new Map());
    const picked = world.events;
    expect(picked).toContainEqual({ type: 'coin-picked', playerId: 1, coinId: 5 });
    stepInPlace(world, new Map());
    expect(world.events).toEqual([]);
    expect(picked).toHaveLength(1);
  });
});

describe('mayDashThisTick', () => {
  it('is true for every player that is dashing after its movement', () => {
    const k = constantsFor(DEFAULT_SIM_CONFIG);
    let world = seatedWorld(3, IDS.length);
    let dashes = 0;
    for (const inputs of scriptedInputs(4, 2000, IDS)) {
      for (const player of world.players) {
        const buttons = inputs.get(player.id) ?? 0;
        const moved = { ...player };
        movePlayer(moved, buttons, DEFAULT_SIM_CONFIG, k);
        if (moved.dashTicks === 0) continue;
        dashes += 1;
        expect(mayDashThisTick(player, buttons)).toBe(true);
      }
      world = step(world, inputs);
    }
    expect(dashes).toBeGreaterThan(100);
  });
});

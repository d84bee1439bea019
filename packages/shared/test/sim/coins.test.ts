import { afterEach, describe, expect, it, vi } from 'vitest';
import { Button } from '../../src/protocol/buttons.js';
import {
  DEFAULT_SIM_CONFIG,
  constantsFor,
  createWorld,
  step,
  type World,
} from '../../src/sim/index.js';
import { hold, onGrid, player, worldWith } from './fixtures.js';

const config = DEFAULT_SIM_CONFIG;
const k = constantsFor(config);
const REACH = config.playerRadius + config.coinRadius;

function idle(world: World, ticks: number): World {
  let w = world;
  for (let i = 0; i < ticks; i++) w = step(w, new Map());
  return w;
}

describe('coin spawning', () => {
  afterEach(() => vi.restoreAllMocks());

  it('adds one coin every coinSpawnTicks while a round is on', () => {
    const world = createWorld(3);
    expect(idle(world, k.coinSpawnTicks - 1).coins).toHaveLength(0);
    expect(idle(world, k.coinSpawnTicks).coins).toHaveLength(1);
    expect(idle(world, k.coinSpawnTicks * 3).coins).toHaveLength(3);
  });

  it('stops at maxCoins', () => {
    const full = idle(createWorld(3), k.coinSpawnTicks * (config.maxCoins + 5));
    expect(full.coins).toHaveLength(config.maxCoins);
  });

  it('puts coins inside the arena, on the grid, with distinct ids', () => {
    const full = idle(createWorld(5), k.coinSpawnTicks * config.maxCoins);
    const margin = config.coinRadius;
    for (const c of full.coins) {
      expect(c.x).toBeGreaterThanOrEqual(margin);
      expect(c.x).toBeLessThanOrEqual(config.arenaWidth - margin);
      expect(c.y).toBeGreaterThanOrEqual(margin);
      expect(c.y).toBeLessThanOrEqual(config.arenaHeight - margin);
      expect(onGrid(c.x) && onGrid(c.y)).toBe(true);
    }
    expect(new Set(full.coins.map((c) => c.id)).size).toBe(full.coins.length);
  });

  it('draws places from the seeded generator in the world, never from Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const a = idle(createWorld(10), k.coinSpawnTicks * 4);
    const b = idle(createWorld(10), k.coinSpawnTicks * 4);
    const c = idle(createWorld(11), k.coinSpawnTicks * 4);
    expect(a.coins).toEqual(b.coins);
    expect(a.coins).not.toEqual(c.coins);
    expect(random).not.toHaveBeenCalled();
  });

  it('advances the generator state, so the next coin lands elsewhere', () => {
    const before = idle(createWorld(10), k.coinSpawnTicks - 1);
    const after = step(before, new Map());
    expect(after.rngState).not.toBe(before.rngState);
    const other = step({ ...before, rngState: before.rngState + 1 }, new Map());
    expect(other.coins[0]).not.toEqual(after.coins[0]);
  });
});

describe('coin pickup', () => {
  function withCoinAt(dx: number, dy = 0): World {
    const world = worldWith([{ id: 1, x: 400, y: 400, score: 4 }], config);
    world.coins = [{ id: 9, x: 400 + dx, y: 400 + dy }];
    return world;
  }

  it('scores a point and removes the coin when a player touches it', () => {
    const next = step(withCoinAt(REACH - 1), new Map());
    expect(player(next, 1).score).toBe(5);
    expect(next.coins.find((c) => c.id === 9)).toBeUndefined();
    expect(next.events).toContainEqual({ type: 'coin-picked', playerId: 1, coinId: 9 });
  });

  it('leaves a coin that is only just out of reach', () => {
    const next = step(withCoinAt(REACH), new Map());
    expect(player(next, 1).score).toBe(4);
    expect(next.coins.map((c) => c.id)).toContain(9);
  });

  it('picks up a coin the player walks onto', () => {
    const world = withCoinAt(80, 0);
    const next = hold(world, 1, Button.Right, 30);
    expect(player(next, 1).score).toBe(5);
  });

  it('gives a coin two players touch to the lower id, once', () => {
    const world = worldWith(
      [
        { id: 2, x: 400, y: 400 },
        { id: 5, x: 440, y: 400 },
      ],
      config,
    );
    world.coins = [{ id: 3, x: 420, y: 400 }];
    const next = step(world, new Map());
    expect([player(next, 2).score, player(next, 5).score]).toEqual([1, 0]);
    expect(next.events.filter((e) => e.type === 'coin-picked')).toHaveLength(1);
  });
});

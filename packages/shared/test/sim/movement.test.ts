import { describe, expect, it } from 'vitest';
import { Button } from '../../src/protocol/buttons.js';
import { DEFAULT_SIM_CONFIG, constantsFor, step, ticksToComeToRest } from '../../src/sim/index.js';
import {
  NO_COINS,
  hold,
  onGrid,
  player,
  run,
  scriptedInputs,
  seatedWorld,
  speedOf,
  worldWith,
} from './fixtures.js';

const config = NO_COINS;
const k = constantsFor(config);
/** Quantising each axis to 1/16 can add at most this much to a speed. */
const GRID_SLACK = Math.SQRT2 / 16;
/** Rounding a position to 1/16 can add at most this much to one tick's diagonal travel. */
const STEP_SLACK = Math.SQRT2 / 32;

describe('acceleration', () => {
  it('gains accelPerTick per tick from rest and moves by v·dt', () => {
    const next = hold(worldWith([{ id: 1 }], config), 1, Button.Right, 1);
    expect(player(next, 1).vx).toBe(k.accelPerTick);
    expect(player(next, 1).vy).toBe(0);
    expect(player(next, 1).x).toBe(400 + k.accelPerTick * k.dt);
  });

  it('speeds up monotonically and levels off at maxSpeed', () => {
    let world = worldWith([{ id: 1, x: 100 }], config);
    const speeds: number[] = [];
    for (let i = 0; i < 30; i++) {
      world = hold(world, 1, Button.Right, 1);
      speeds.push(speedOf(player(world, 1)));
    }
    for (let i = 1; i < speeds.length; i++)
      expect(speeds[i]).toBeGreaterThanOrEqual(speeds[i - 1]!);
    expect(Math.max(...speeds)).toBe(config.maxSpeed);
    expect(speeds[0]).toBeLessThan(config.maxSpeed);
  });

  it('moves each direction key its own way', () => {
    const from = worldWith([{ id: 1, x: 800, y: 600 }], config);
    const moved = (b: number) => {
      const p = player(hold(from, 1, b, 5), 1);
      return [Math.sign(p.x - 800), Math.sign(p.y - 600)];
    };
    expect(moved(Button.Up)).toEqual([0, -1]);
    expect(moved(Button.Down)).toEqual([0, 1]);
    expect(moved(Button.Left)).toEqual([-1, 0]);
    expect(moved(Button.Right)).toEqual([1, 0]);
  });

  it('cancels opposite keys', () => {
    const from = worldWith([{ id: 1, x: 800, y: 600 }], config);
    const p = player(hold(from, 1, Button.Left | Button.Right | Button.Up | Button.Down, 20), 1);
    expect([p.x, p.y, p.vx, p.vy]).toEqual([800, 600, 0, 0]);
  });
});

describe('friction', () => {
  for (const [key, x] of [
    [Button.Right, 100],
    [Button.Left, 1500],
  ] as const) {
    it(`brings a player released after holding ${key} to a full stop, velocity exactly 0`, () => {
      const moving = hold(worldWith([{ id: 1, x }], config), 1, key, 20);
      expect(Math.abs(player(moving, 1).vx)).toBe(config.maxSpeed);
      const released = hold(moving, 1, 0, 60);
      const stopped = player(released, 1);
      expect(Math.abs(stopped.vx)).toBe(0);
      expect(player(hold(released, 1, 0, 10), 1).x).toBe(stopped.x);
    });
  }

  it('stops a player even when friction is low (no velocity kept alive by rounding)', () => {
    const slippery = { ...config, friction: 1 };
    const moving = hold(worldWith([{ id: 1, x: 100 }], slippery), 1, Button.Right, 20);
    expect(player(hold(moving, 1, 0, 600), 1).vx).toBe(0);
  });

  it('slows every tick once released', () => {
    let world = hold(worldWith([{ id: 1, x: 100 }], config), 1, Button.Right, 20);
    let previous = player(world, 1).vx;
    for (let i = 0; i < 10; i++) {
      world = hold(world, 1, 0, 1);
      expect(player(world, 1).vx).toBeLessThan(previous);
      previous = player(world, 1).vx;
    }
  });

  it('only brakes the axis no key drives', () => {
    const world = worldWith([{ id: 1, x: 800, y: 600, vx: 100, vy: 100 }], config);
    const p = player(hold(world, 1, Button.Down, 1), 1);
    expect(p.vx).toBeLessThan(100);
    expect(p.vy).toBeGreaterThan(100);
  });
});

describe('diagonals', () => {
  it('are not faster than straight lines', () => {
    const from = worldWith([{ id: 1, x: 800, y: 600 }], config);
    for (const diagonal of [
      Button.Up | Button.Left,
      Button.Up | Button.Right,
      Button.Down | Button.Left,
      Button.Down | Button.Right,
    ]) {
      let world = from;
      for (let i = 0; i < 20; i++) {
        world = hold(world, 1, diagonal, 1);
        expect(speedOf(player(world, 1))).toBeLessThanOrEqual(config.maxSpeed + GRID_SLACK);
      }
      const diagonalDistance = Math.hypot(player(world, 1).x - 800, player(world, 1).y - 600);
      const straight = player(hold(from, 1, Button.Right, 20), 1).x - 800;
      // Unnormalised, a diagonal would cover √2 × as much; rounding alone may add STEP_SLACK a tick.
      expect(diagonalDistance).toBeLessThanOrEqual(straight + 20 * STEP_SLACK);
      expect(diagonalDistance).toBeGreaterThan(straight * 0.9);
    }
  });
});

describe('walls', () => {
  const r = config.playerRadius;
  const cases = [
    { buttons: Button.Left, axis: 'x', edge: r },
    { buttons: Button.Right, axis: 'x', edge: config.arenaWidth - r },
    { buttons: Button.Up, axis: 'y', edge: r },
    { buttons: Button.Down, axis: 'y', edge: config.arenaHeight - r },
  ] as const;

  for (const { buttons, axis, edge } of cases) {
    it(`stop a disc pushing ${axis} towards ${edge} with its edge on the wall`, () => {
      const p = player(hold(worldWith([{ id: 1, x: 800, y: 600 }], config), 1, buttons, 300), 1);
      expect(p[axis]).toBe(edge);
    });
  }

  it('keep a fast disc inside, velocity into the wall cancelled', () => {
    const world = worldWith([{ id: 1, x: 25, y: 600, vx: -2000 }], config);
    const p = player(step(world, new Map()), 1);
    expect(p.x).toBe(r);
    expect(p.vx).toBeGreaterThanOrEqual(0);
  });

  it('keep every disc inside during a long random game', () => {
    let world = seatedWorld(21, 6, DEFAULT_SIM_CONFIG);
    for (const inputs of scriptedInputs(8, 1000, [1, 2, 3, 4, 5, 6])) {
      world = step(world, inputs);
      for (const p of world.players) {
        expect(p.x).toBeGreaterThanOrEqual(r);
        expect(p.x).toBeLessThanOrEqual(config.arenaWidth - r);
        expect(p.y).toBeGreaterThanOrEqual(r);
        expect(p.y).toBeLessThanOrEqual(config.arenaHeight - r);
      }
    }
  });
});

describe('the 1/16 grid', () => {
  it('holds every position and velocity after every step', () => {
    let world = seatedWorld(4, 5, DEFAULT_SIM_CONFIG);
    // Start off the grid on purpose: one step must bring everything back onto it.
    world.players[0]!.x += 0.013;
    world.players[0]!.vx = 33.3333;
    for (const inputs of scriptedInputs(6, 500, [1, 2, 3, 4, 5])) {
      world = step(world, inputs);
      for (const p of world.players) {
        expect([p.x, p.y, p.vx, p.vy].every(onGrid), `player ${p.id} at tick ${world.tick}`).toBe(
          true,
        );
      }
      for (const c of world.coins) expect(onGrid(c.x) && onGrid(c.y)).toBe(true);
    }
  });

  it('is reached by a run whose inputs would leave it otherwise', () => {
    const world = run(seatedWorld(4, 1), scriptedInputs(1, 50, [1]));
    expect(onGrid(world.players[0]!.x)).toBe(true);
  });
});

describe('ticksToComeToRest', () => {
  // The input buffer drops a slot only after this many idle ticks: it must be really at rest.
  const atRest = (p: { vx: number; vy: number; dashTicks: number }) =>
    p.vx === 0 && p.vy === 0 && p.dashTicks === 0;

  it('is how long a dash started from full speed takes to die out with no button', () => {
    const restTicks = ticksToComeToRest(config);
    let world = hold(worldWith([{ id: 1, x: 100, y: 300 }], config), 1, Button.Right, 30);
    world = hold(world, 1, Button.Right | Button.Dash, 1);
    world = hold(world, 1, 0, restTicks - 2);
    expect(atRest(player(world, 1))).toBe(false);
    world = hold(world, 1, 0, 1);
    expect(atRest(player(world, 1))).toBe(true);
  });

  it('also stops a knock-back, and never comes without friction', () => {
    const restTicks = ticksToComeToRest(config);
    const knocked = worldWith([{ id: 1, vx: config.dashKnockbackSpeed }], config);
    expect(atRest(player(hold(knocked, 1, 0, restTicks), 1))).toBe(true);
    expect(ticksToComeToRest({ ...config, friction: 0 })).toBeGreaterThan(100_000);
  });
});

import { describe, expect, it } from 'vitest';
import { Button } from '../../src/protocol/buttons.js';
import { constantsFor, step, type World } from '../../src/sim/index.js';
import { NO_COINS, hold, player, speedOf, worldWith } from './fixtures.js';

const config = NO_COINS;
const k = constantsFor(config);
const DASH_RIGHT = Button.Dash | Button.Right;

function atRest(): World {
  return worldWith([{ id: 1, x: 200, y: 600 }], config);
}

/** Ticks, out of a run of `buttons` per tick, in which the player moved at dash speed. */
function fastTicks(world: World, buttonsPerTick: number[]): number[] {
  const fast: number[] = [];
  buttonsPerTick.reduce((w, buttons, i) => {
    const next = step(w, new Map([[1, buttons]]));
    if (speedOf(player(next, 1)) >= config.dashSpeed) fast.push(i);
    return next;
  }, world);
  return fast;
}

describe('dash', () => {
  it('starts on the tick Dash is pressed, at dashSpeed in the held direction', () => {
    const p = player(step(atRest(), new Map([[1, DASH_RIGHT]])), 1);
    expect([p.vx, p.vy]).toEqual([config.dashSpeed, 0]);
    expect(p.x).toBe(200 + config.dashSpeed * k.dt);
    expect(p.dashTicks).toBeGreaterThan(0);
    expect(p.dashCooldownTicks).toBeGreaterThan(0);
  });

  it('is faster than maxSpeed and covers more ground than running', () => {
    expect(config.dashSpeed).toBeGreaterThan(config.maxSpeed);
    const dashed = player(hold(atRest(), 1, DASH_RIGHT, k.dashTicks), 1).x;
    const ran = player(hold(atRest(), 1, Button.Right, k.dashTicks), 1).x;
    expect(dashed - 200).toBeGreaterThan(config.maxSpeed * k.dashTicks * k.dt);
    expect(dashed).toBeGreaterThan(ran);
  });

  it('lasts exactly dashTicks ticks at dash speed, then fades back to maxSpeed', () => {
    const fast = fastTicks(atRest(), Array<number>(20).fill(DASH_RIGHT));
    expect(fast).toEqual([...Array(k.dashTicks).keys()]);
    // After the dash the speed fades by friction, never below maxSpeed while a key is held.
    let world = hold(atRest(), 1, DASH_RIGHT, k.dashTicks);
    const speeds: number[] = [];
    for (let i = 0; i < 10; i++) {
      world = step(world, new Map([[1, Button.Right]]));
      speeds.push(speedOf(player(world, 1)));
    }
    expect(speeds[0]).toBeLessThan(config.dashSpeed);
    expect(speeds[0]).toBeGreaterThan(config.maxSpeed);
    for (let i = 1; i < speeds.length; i++) expect(speeds[i]).toBeLessThanOrEqual(speeds[i - 1]!);
    expect(speeds.at(-1)).toBe(config.maxSpeed);
  });

  it('can hit on every tick it moves at dash speed', () => {
    let world = atRest();
    for (let i = 0; i < 20; i++) {
      world = step(world, new Map([[1, DASH_RIGHT]]));
      const p = player(world, 1);
      expect(speedOf(p) >= config.dashSpeed, `tick ${i}`).toBe(p.dashTicks > 0);
    }
  });

  it('does not start again while Dash is held, even after the cooldown', () => {
    const ticks = k.dashCooldownTicks * 3;
    expect(fastTicks(atRest(), Array<number>(ticks).fill(DASH_RIGHT))).toHaveLength(k.dashTicks);
  });

  it('does not start during the cooldown, and starts again on a press after it', () => {
    const early = k.dashTicks + 2;
    const late = k.dashCooldownTicks + 1;
    const script = Array.from({ length: late + k.dashTicks + 5 }, (_, i) =>
      i === 0 || i === early || i === late ? DASH_RIGHT : Button.Right,
    );
    const fast = fastTicks(worldWith([{ id: 1, x: 100, y: 600 }], config), script);
    expect(fast).toEqual([
      ...Array.from({ length: k.dashTicks }, (_, i) => i),
      ...Array.from({ length: k.dashTicks }, (_, i) => late + i),
    ]);
  });

  it('counts the cooldown down to zero', () => {
    const p = player(
      hold(step(atRest(), new Map([[1, DASH_RIGHT]])), 1, 0, k.dashCooldownTicks),
      1,
    );
    expect(p.dashCooldownTicks).toBe(0);
    expect(p.dashTicks).toBe(0);
  });

  it('without a direction follows the current velocity', () => {
    const moving = worldWith([{ id: 1, x: 800, y: 600, vx: 0, vy: -100 }], config);
    const p = player(step(moving, new Map([[1, Button.Dash]])), 1);
    expect([p.vx, p.vy]).toEqual([0, -config.dashSpeed]);
  });

  it('without a direction and at rest does nothing and keeps the dash available', () => {
    const p = player(step(atRest(), new Map([[1, Button.Dash]])), 1);
    expect([p.x, p.y, p.vx, p.vy, p.dashTicks, p.dashCooldownTicks]).toEqual([
      200, 600, 0, 0, 0, 0,
    ]);
  });

  it('goes diagonally at dashSpeed, not faster', () => {
    const p = player(step(atRest(), new Map([[1, Button.Dash | Button.Down | Button.Right]])), 1);
    expect(speedOf(p)).toBeCloseTo(config.dashSpeed, 1);
  });
});

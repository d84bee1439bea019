import { describe, expect, it } from 'vitest';
import {
  EXTRAPOLATE_MAX_MS,
  extrapolate,
  pointOnPath,
  reckonPath,
  type ReckoningStart,
} from '../../src/netcode/extrapolation.js';
import { Button } from '../../src/protocol/buttons.js';
import { DEFAULT_SIM_CONFIG as config } from '../../src/sim/config.js';
import { movePlayer } from '../../src/sim/movement.js';
import { constantsFor } from '../../src/sim/step.js';

const TICK_MS = 1000 / config.tickRateHz;
const at = (x: number, y: number, more: Partial<ReckoningStart> = {}): ReckoningStart => ({
  x,
  y,
  vx: 0,
  vy: 0,
  dashTicks: 0,
  dashCooldownTicks: 0,
  lastButtons: 0,
  ...more,
});

/** What the sim really does when the buttons stay held, `ticks` ticks on. */
function simulated(from: ReckoningStart, ticks: number) {
  const player = { id: 1, score: 0, ...from };
  for (let n = 0; n < ticks; n++)
    movePlayer(player, from.lastButtons, config, constantsFor(config));
  return { x: player.x, y: player.y };
}

describe('dead reckoning', () => {
  it('runs the sim on with the last buttons: a walker walks on, exactly', () => {
    const walker = at(400, 300, { vx: 240, lastButtons: Button.Right });
    expect(extrapolate(walker, 5 * TICK_MS, config)).toEqual({ x: 440, y: 300 });
    expect(extrapolate(walker, 2.5 * TICK_MS, config)).toEqual({ x: 420, y: 300 });
  });

  it('brakes a player who let go and finishes a turn, as the sim would', () => {
    const cases = [at(400, 300, { vx: 240 }), at(400, 300, { vx: 240, lastButtons: Button.Down })];
    for (const from of cases) {
      expect(extrapolate(from, 8 * TICK_MS, config)).toEqual(simulated(from, 8));
    }
  });

  it('carries a dash on at its own speed for the ticks it has left, then brakes', () => {
    const dash = at(400, 300, {
      vx: 720,
      dashTicks: 3,
      dashCooldownTicks: 40,
      lastButtons: Button.Dash,
    });
    // 24 px a tick while the dash lasts, not a walker's 8.
    expect(extrapolate(dash, 2 * TICK_MS, config)).toEqual({ x: 448, y: 300 });
    expect(extrapolate(dash, 8 * TICK_MS, config)).toEqual(simulated(dash, 8));
  });

  it('never goes further than a dash could in its time bound', () => {
    const dash = at(400, 300, { vx: 720, dashTicks: 6, lastButtons: Button.Dash | Button.Right });
    const bound = extrapolate(dash, EXTRAPOLATE_MAX_MS, config);
    expect(bound.x - 400).toBeLessThanOrEqual((config.dashSpeed * EXTRAPOLATE_MAX_MS) / 1000);
  });

  it('stops at the walls', () => {
    const runner = at(config.arenaWidth - 30, 300, { vx: 240, lastButtons: Button.Right });
    expect(extrapolate(runner, 200, config).x).toBe(config.arenaWidth - config.playerRadius);
  });

  it('goes no further than its time bound', () => {
    const walker = at(400, 300, { vx: 240, lastButtons: Button.Right });
    const bound = extrapolate(walker, EXTRAPOLATE_MAX_MS, config);
    expect(extrapolate(walker, 5000, config)).toEqual(bound);
    expect(bound.x - 400).toBeCloseTo((240 * EXTRAPOLATE_MAX_MS) / 1000, 6);
    const path = reckonPath(walker, config, 100);
    expect(pointOnPath(path, 1000, TICK_MS, 100)).toEqual(pointOnPath(path, 100, TICK_MS, 100));
  });
});

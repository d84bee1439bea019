import { describe, expect, it } from 'vitest';
import { LagCompensation } from '../../src/netcode/lag-compensation.js';
import { presentPositions } from '../../src/netcode/present-positions.js';
import { Button } from '../../src/protocol/buttons.js';
import { addPlayer, createWorld, step } from '../../src/sim/index.js';

const TICK_MS = 1000 / 30;

/** Victim 2 walks right 8 px per tick from x = 100; attacker 1 stays at x = 0. */
function recorded(ticks: number, maxRewindMs = 1000) {
  const lag = new LagCompensation(TICK_MS, maxRewindMs);
  for (let t = 0; t <= ticks; t++) {
    lag.record(t, [
      { id: 1, x: 0, y: 0 },
      { id: 2, x: 100 + 8 * t, y: 0 },
    ]);
  }
  return lag;
}

describe('LagCompensation', () => {
  it('says where a player was at a past tick', () => {
    const lag = recorded(30);
    expect(lag.positionAt(2, 10)).toEqual({ x: 180, y: 0 });
    expect(lag.positionAt(2, 10.7)).toEqual({ x: 180, y: 0 });
    expect(lag.positionAt(3, 10)).toBeUndefined();
  });

  it('clamps a view older than the bound to the oldest tick kept', () => {
    const lag = recorded(60, 200);
    // 200 ms is 6 ticks: the oldest judged tick is 54.
    expect(lag.positionAt(2, 10)).toEqual({ x: 100 + 8 * 54, y: 0 });
    expect(lag.stats.clamped).toBe(1);
  });

  it('judges the victim where the attacker drew it: between viewTick and viewTick + 1', () => {
    const lag = recorded(30);
    const present = new Map([
      [1, { x: 185, y: 30 }],
      [2, { x: 100 + 8 * 31, y: 0 }],
    ]);
    const lookup = lag.lookup(() => ({ tick: 10, aheadMs: 0 }), present, 40);
    // Ticks 10 and 11 put the victim at x 180 and 188; the closest point to the attacker.
    expect(lookup(1, 2)).toEqual({ x: 185, y: 0 });
  });

  it('lets the present body count when the attacker touches nobody it saw', () => {
    const lag = recorded(30);
    const present = new Map([
      [1, { x: 340, y: 0 }],
      [2, { x: 348, y: 0 }],
    ]);
    expect(lag.lookup(() => ({ tick: 10, aheadMs: 0 }), present, 40)(1, 2)).toEqual({
      x: 348,
      y: 0,
    });
  });

  it('judges an attacker without a view tick in the present', () => {
    const lag = recorded(30);
    const present = new Map([
      [1, { x: 0, y: 0 }],
      [2, { x: 999, y: 0 }],
    ]);
    expect(lag.lookup(() => undefined, present, 40)(1, 2)).toEqual({ x: 999, y: 0 });
  });

  it('makes sim.step land a dash on where the attacker saw the victim', () => {
    let world = addPlayer(addPlayer(createWorld(3), 1), 2);
    const lag = new LagCompensation(TICK_MS);
    const [attacker, victim] = world.players;
    [attacker!.x, attacker!.y, victim!.x, victim!.y] = [300, 300, 345, 300];
    lag.record(world.tick, world.players);
    const view = { tick: world.tick, aheadMs: 0 };
    // The victim walks away for 10 ticks; the attacker, who still sees it next to him, dashes.
    for (let t = 0; t < 10; t++) {
      world = step(world, new Map([[2, Button.Down]]));
      lag.record(world.tick, world.players);
    }
    const inputs = new Map([[1, Button.Right | Button.Dash]]);
    const withLag = step(world, inputs, {
      hitPosition: lag.lookup(() => view, presentPositions(world, inputs), 40),
    });
    const without = step(world, inputs);
    expect(withLag.events.some((e) => e.type === 'dash-hit')).toBe(true);
    expect(without.events.some((e) => e.type === 'dash-hit')).toBe(false);
  });

  it('judges an extrapolated view where the attacker drew it, not where the victim went', () => {
    let world = addPlayer(addPlayer(createWorld(3), 1), 2);
    const lag = new LagCompensation(TICK_MS, 1000, world.config);
    const [attacker, victim] = world.players;
    [attacker!.x, attacker!.y, victim!.x, victim!.y] = [300, 300, 300, 420];
    // The victim walks up, towards the attacker, for a few ticks; the attacker's snapshots
    // then stall, so it draws the victim walking on (extrapolated) while it really turned back.
    for (let t = 0; t < 4; t++) {
      world = step(world, new Map([[2, Button.Up]]));
      lag.record(world.tick, world.players);
    }
    const view = { tick: world.tick, aheadMs: 200 };
    for (let t = 0; t < 10; t++) {
      world = step(world, new Map([[2, Button.Down]]));
      lag.record(world.tick, world.players);
    }
    const drawn = lag.lookup(() => view, presentPositions(world, new Map()), 40)(1, 2);
    const where = world.players.find((p) => p.id === 2)!;
    expect(drawn.y).toBeLessThan(where.y - 60);
    const inputs = new Map([[1, Button.Down | Button.Dash]]);
    const withLag = step(world, inputs, {
      hitPosition: lag.lookup(() => view, presentPositions(world, inputs), 40),
    });
    const asInterpolated = step(world, inputs, {
      hitPosition: lag.lookup(
        () => ({ tick: view.tick, aheadMs: 0 }),
        presentPositions(world, inputs),
        40,
      ),
    });
    expect(withLag.events.some((e) => e.type === 'dash-hit')).toBe(true);
    expect(asInterpolated.events.some((e) => e.type === 'dash-hit')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { ALL_BUTTONS_MASK } from '../../src/protocol/buttons.js';
import { step, type World } from '../../src/sim/index.js';
import { seatedWorld, worldWith } from './fixtures.js';

function isSane(world: World): boolean {
  return world.players.every((p) =>
    [p.x, p.y, p.vx, p.vy, p.score, p.dashTicks, p.dashCooldownTicks].every(Number.isFinite),
  );
}

/** Players in awkward states: at rest, dashing, cooling down, in a corner, overlapping. */
function awkward(): World {
  return worldWith([
    { id: 1, x: 20, y: 20 },
    { id: 2, x: 25, y: 22, dashTicks: 3, vx: -720 },
    { id: 3, x: 800, y: 600, dashCooldownTicks: 10, lastButtons: ALL_BUTTONS_MASK },
    { id: 4, x: 800, y: 600, vx: 240, vy: -240 },
    { id: 5, x: 1580, y: 1180 },
  ]);
}

describe('step on any game input', () => {
  it('never throws for every button value 0..31 held by every player', () => {
    for (let buttons = 0; buttons <= ALL_BUTTONS_MASK; buttons++) {
      let world = awkward();
      const inputs = new Map(world.players.map((p) => [p.id, buttons]));
      for (let t = 0; t < 10; t++) world = step(world, inputs);
      expect(isSane(world), `buttons ${buttons}`).toBe(true);
    }
  });

  it('never throws for every pair of consecutive button values', () => {
    for (let a = 0; a <= ALL_BUTTONS_MASK; a++) {
      for (let b = 0; b <= ALL_BUTTONS_MASK; b++) {
        const world = step(step(awkward(), new Map([[2, a]])), new Map([[2, b]]));
        expect(isSane(world)).toBe(true);
      }
    }
  });

  it('treats an empty input map as nobody pressing anything', () => {
    const world = seatedWorld(1, 3);
    expect(step(world, new Map())).toEqual(
      step(
        world,
        new Map([
          [1, 0],
          [2, 0],
          [3, 0],
        ]),
      ),
    );
  });

  it('ignores inputs for ids that are not players', () => {
    const world = seatedWorld(1, 2);
    const junk = new Map([
      [0, 31],
      [-1, 31],
      [99, 31],
      [Number.NaN, 31],
      [0xffff, 31],
    ]);
    expect(step(world, junk)).toEqual(step(world, new Map()));
  });

  it('steps an empty world', () => {
    const world = seatedWorld(1, 0);
    expect(() => step(world, new Map([[1, 31]]))).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { Button } from '../../src/protocol/buttons.js';
import { step, type World } from '../../src/sim/index.js';
import { NO_COINS, hold, player, type PlayerSetup, worldWith } from './fixtures.js';

const config = NO_COINS;
const CONTACT = config.playerRadius * 2;
/** Separation is exact, then positions snap to 1/16: contact holds up to one grid diagonal. */
const SNAP_SLACK = Math.SQRT2 / 16;

function gap(world: World, a: number, b: number): number {
  const pa = player(world, a);
  const pb = player(world, b);
  return Math.hypot(pb.x - pa.x, pb.y - pa.y);
}

function stepIdle(players: PlayerSetup[]): World {
  return step(worldWith(players, config), new Map());
}

describe('bumping', () => {
  const overlaps: [string, PlayerSetup[]][] = [
    [
      'side by side',
      [
        { id: 1, x: 400, y: 400 },
        { id: 2, x: 420, y: 400 },
      ],
    ],
    [
      'diagonally',
      [
        { id: 1, x: 400, y: 400 },
        { id: 2, x: 413, y: 417 },
      ],
    ],
    [
      'exactly on top of each other',
      [
        { id: 1, x: 400, y: 400 },
        { id: 2, x: 400, y: 400 },
      ],
    ],
    [
      'against the left wall',
      [
        { id: 1, x: 20, y: 400 },
        { id: 2, x: 30, y: 400 },
      ],
    ],
    [
      'against the right wall, the higher id pinned',
      [
        { id: 1, x: 1570, y: 400 },
        { id: 2, x: 1580, y: 410 },
      ],
    ],
    [
      'in a corner',
      [
        { id: 1, x: 20, y: 20 },
        { id: 2, x: 30, y: 30 },
      ],
    ],
    [
      'against the bottom wall',
      [
        { id: 7, x: 800, y: 1175 },
        { id: 3, x: 800, y: 1180 },
      ],
    ],
  ];

  for (const [where, players] of overlaps) {
    it(`separates overlapping players ${where}: no overlap after one step`, () => {
      const next = stepIdle(players);
      expect(gap(next, players[0]!.id, players[1]!.id)).toBeGreaterThanOrEqual(
        CONTACT - SNAP_SLACK,
      );
    });
  }

  it('pushes both players apart symmetrically in open space', () => {
    const next = stepIdle([
      { id: 1, x: 400, y: 400 },
      { id: 2, x: 430, y: 400 },
    ]);
    expect(400 - player(next, 1).x).toBe(player(next, 2).x - 430);
    expect(player(next, 1).y).toBe(400);
  });

  it('leaves players that only touch where they are', () => {
    const next = stepIdle([
      { id: 1, x: 400, y: 400 },
      { id: 2, x: 400 + CONTACT, y: 400 },
    ]);
    expect([player(next, 1).x, player(next, 2).x]).toEqual([400, 400 + CONTACT]);
  });

  it('bounces players that run into each other (equal masses swap normal velocity)', () => {
    const world = worldWith(
      [
        { id: 1, x: 400, y: 400, vx: 200 },
        { id: 2, x: 441, y: 400, vx: 0 },
      ],
      config,
    );
    const next = step(world, new Map());
    expect(player(next, 2).vx).toBeGreaterThan(player(next, 1).vx);
    expect(player(next, 2).vx).toBeGreaterThan(100);
  });

  it('never lets two players walking into each other overlap for long', () => {
    let world = worldWith(
      [
        { id: 1, x: 300, y: 400 },
        { id: 2, x: 500, y: 400 },
      ],
      config,
    );
    for (let i = 0; i < 120; i++) {
      world = step(
        world,
        new Map([
          [1, Button.Right],
          [2, Button.Left],
        ]),
      );
      expect(gap(world, 1, 2)).toBeGreaterThanOrEqual(CONTACT - SNAP_SLACK);
    }
  });

  it('keeps bumped players inside the arena', () => {
    const next = stepIdle([
      { id: 1, x: 21, y: 21 },
      { id: 2, x: 22, y: 22 },
    ]);
    for (const p of next.players) {
      expect(p.x).toBeGreaterThanOrEqual(config.playerRadius);
      expect(p.y).toBeGreaterThanOrEqual(config.playerRadius);
    }
  });
});

describe('dash hit', () => {
  /** Attacker 1 dashes right into victim 2, 50 px away (within one dash tick of contact). */
  function dashInto(victim: Partial<PlayerSetup> = {}): World {
    const world = worldWith(
      [
        { id: 1, x: 400, y: 400, score: 2 },
        { id: 2, x: 450, y: 400, score: 3, ...victim },
      ],
      config,
    );
    return step(world, new Map([[1, Button.Dash | Button.Right]]));
  }

  it('knocks the victim back, away from the attacker, at knockback speed or more', () => {
    const next = dashInto();
    const victim = player(next, 2);
    expect(victim.vx).toBeGreaterThanOrEqual(config.dashKnockbackSpeed);
    expect(Math.abs(victim.vy)).toBeLessThan(1);
    const later = hold(next, 1, 0, 5);
    expect(player(later, 2).x).toBeGreaterThan(victim.x + 20);
  });

  it('steals one coin from the victim and reports it', () => {
    const next = dashInto();
    expect(player(next, 1).score).toBe(3);
    expect(player(next, 2).score).toBe(2);
    expect(next.events).toContainEqual({
      type: 'dash-hit',
      attackerId: 1,
      victimId: 2,
      stoleCoin: true,
    });
  });

  it('steals nothing from a victim without coins, but still knocks them back', () => {
    const next = dashInto({ score: 0 });
    expect([player(next, 1).score, player(next, 2).score]).toEqual([2, 0]);
    expect(next.events).toContainEqual({
      type: 'dash-hit',
      attackerId: 1,
      victimId: 2,
      stoleCoin: false,
    });
    expect(player(next, 2).vx).toBeGreaterThanOrEqual(config.dashKnockbackSpeed);
  });

  it("ends the attacker's dash: one hit per dash", () => {
    expect(player(dashInto(), 1).dashTicks).toBe(0);
  });

  it('does not hit a player who is dashing too', () => {
    const next = dashInto({ dashTicks: 3, vx: -720 });
    expect(next.events.filter((e) => e.type === 'dash-hit')).toEqual([]);
    expect([player(next, 1).score, player(next, 2).score]).toEqual([2, 3]);
  });

  it('does not hit a player out of reach', () => {
    const next = dashInto({ x: 600 });
    expect(next.events).toEqual([]);
    expect(player(next, 2).vx).toBe(0);
  });

  it('is judged where the lag-compensation lookup says the victim was', () => {
    const world = worldWith(
      [
        { id: 1, x: 400, y: 400, score: 0 },
        { id: 2, x: 900, y: 400, score: 1 },
      ],
      config,
    );
    const seen = () => ({ x: 430, y: 400 });
    const next = step(world, new Map([[1, Button.Dash | Button.Right]]), { hitPosition: seen });
    expect(player(next, 1).score).toBe(1);
    expect(player(next, 2).score).toBe(0);
  });
});

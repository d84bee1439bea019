import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIM_CONFIG,
  RoundPhase,
  constantsFor,
  createWorld,
  step,
  type SimConfig,
  type World,
} from '../../src/sim/index.js';
import { player, worldWith } from './fixtures.js';

/** Two-second rounds and a one-second intermission, so a test runs a few hundred ticks. */
const config: SimConfig = { ...DEFAULT_SIM_CONFIG, roundSeconds: 2, intermissionSeconds: 1 };
const k = constantsFor(config);

function idle(world: World, ticks: number): World {
  let w = world;
  for (let i = 0; i < ticks; i++) w = step(w, new Map());
  return w;
}

function scored(): World {
  return worldWith(
    [
      { id: 1, x: 200, y: 200, score: 2 },
      { id: 2, x: 600, y: 200, score: 5 },
      { id: 3, x: 1000, y: 200, score: 2 },
    ],
    config,
  );
}

describe('rounds', () => {
  it('start as round 1, playing, for roundSeconds', () => {
    const world = createWorld(1, config);
    expect(world.round).toEqual({ number: 1, phase: RoundPhase.Playing, ticksLeft: k.roundTicks });
  });

  it('count down one tick per step', () => {
    expect(idle(scored(), 10).round.ticksLeft).toBe(k.roundTicks - 10);
  });

  it('end into an intermission with a scoreboard event, best first, ties by id', () => {
    const almost = idle(scored(), k.roundTicks - 1);
    expect(almost.round.phase).toBe(RoundPhase.Playing);
    const ended = step(almost, new Map());
    expect(ended.round).toEqual({
      number: 1,
      phase: RoundPhase.Intermission,
      ticksLeft: k.intermissionTicks,
    });
    expect(ended.events).toContainEqual({
      type: 'round-ended',
      round: 1,
      scores: [
        { id: 2, score: 5 },
        { id: 1, score: 2 },
        { id: 3, score: 2 },
      ],
    });
  });

  it('keep scores and clear coins during the intermission, and spawn or collect none', () => {
    let world = idle(scored(), k.roundTicks);
    expect(world.coins).toEqual([]);
    world.coins = [{ id: 77, x: 200, y: 200 }];
    world = idle(world, k.intermissionTicks - 1);
    expect(world.round.phase).toBe(RoundPhase.Intermission);
    expect(world.players.map((p) => p.score)).toEqual([2, 5, 2]);
    expect(world.coins).toEqual([{ id: 77, x: 200, y: 200 }]);
  });

  it('start the next round with every score reset', () => {
    const next = idle(scored(), k.roundTicks + k.intermissionTicks);
    expect(next.round).toEqual({ number: 2, phase: RoundPhase.Playing, ticksLeft: k.roundTicks });
    expect(next.events).toContainEqual({ type: 'round-started', round: 2 });
    expect(next.players.map((p) => p.score)).toEqual([0, 0, 0]);
  });

  it('report each end and start exactly once over several rounds', () => {
    let world = scored();
    const seen: string[] = [];
    for (let i = 0; i < 3 * (k.roundTicks + k.intermissionTicks); i++) {
      world = step(world, new Map());
      for (const e of world.events) {
        if (e.type === 'round-ended' || e.type === 'round-started')
          seen.push(`${e.type}:${e.round}`);
      }
    }
    expect(seen).toEqual([
      'round-ended:1',
      'round-started:2',
      'round-ended:2',
      'round-started:3',
      'round-ended:3',
      'round-started:4',
    ]);
    expect(player(world, 2).score).toBe(0);
  });

  it('end with an empty scoreboard when nobody plays', () => {
    const ended = idle(createWorld(1, config), k.roundTicks);
    expect(ended.events).toContainEqual({ type: 'round-ended', round: 1, scores: [] });
  });
});

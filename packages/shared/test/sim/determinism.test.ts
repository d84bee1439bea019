import { describe, expect, it } from 'vitest';
import { Button } from '../../src/protocol/buttons.js';
import { addPlayer, createWorld, step } from '../../src/sim/index.js';
import { deepCopy, deepFreeze, run, scriptedInputs, seatedWorld, worldWith } from './fixtures.js';

const IDS = [1, 2, 3, 4];
const TICKS = 1000;

describe('determinism', () => {
  it('gives deeply equal worlds for the same seed and inputs over 1000 ticks', () => {
    const script = scriptedInputs(42, TICKS, IDS);
    const start = seatedWorld(7, IDS.length);
    const a = run(start, script);
    const b = run(seatedWorld(7, IDS.length), script);
    expect(a.tick).toBe(TICKS);
    expect(a).toEqual(b);
    // The run must have exercised the rules, or equality would prove little.
    expect(a.coins.length).toBeGreaterThan(0);
    a.players.forEach((p, i) =>
      expect([p.x, p.y]).not.toEqual([start.players[i]!.x, start.players[i]!.y]),
    );
  });

  it('agrees tick by tick, not only at the end', () => {
    const script = scriptedInputs(3, 200, IDS);
    let a = seatedWorld(11, IDS.length);
    let b = seatedWorld(11, IDS.length);
    for (const inputs of script) {
      a = step(a, inputs);
      b = step(b, new Map(inputs));
      expect(a).toEqual(b);
    }
  });

  it('gives different worlds for different seeds', () => {
    const script = scriptedInputs(42, TICKS, IDS);
    const a = run(seatedWorld(7, IDS.length), script);
    const b = run(seatedWorld(8, IDS.length), script);
    expect(a.players).not.toEqual(b.players);
    expect(a.coins).not.toEqual(b.coins);
  });

  it('seats players at seed-dependent places', () => {
    const a = addPlayer(createWorld(1), 1);
    const b = addPlayer(createWorld(2), 1);
    expect(a.players[0]).not.toEqual(b.players[0]);
  });

  it('gives different worlds for different inputs', () => {
    const a = run(seatedWorld(7, 4), scriptedInputs(1, 100, IDS));
    const b = run(seatedWorld(7, 4), scriptedInputs(2, 100, IDS));
    expect(a.players).not.toEqual(b.players);
  });
});

describe('step purity', () => {
  it('never mutates the world it is given (a frozen world steps fine, unchanged)', () => {
    const script = scriptedInputs(5, 300, IDS);
    let world = seatedWorld(9, IDS.length);
    for (const inputs of script) {
      const before = deepCopy(world);
      deepFreeze(world);
      const next = step(world, inputs);
      expect(world).toEqual(before);
      expect(next).not.toBe(world);
      world = next;
    }
  });

  it('does not share player or coin objects with its input', () => {
    const world = worldWith([{ id: 1 }, { id: 2, x: 900 }]);
    const next = step(world, new Map([[1, Button.Right]]));
    next.players.forEach((p, i) => expect(p).not.toBe(world.players[i]));
    expect(next.coins).not.toBe(world.coins);
    expect(next.round).not.toBe(world.round);
  });

  it('does not mutate the inputs map', () => {
    const inputs = new Map([[1, Button.Dash | Button.Up]]);
    step(worldWith([{ id: 1 }]), inputs);
    expect([...inputs]).toEqual([[1, Button.Dash | Button.Up]]);
  });

  it('starts each step with only that step\u2019s events', () => {
    // A coin under the player: picked on the first step, not reported again on the second.
    const world = worldWith([{ id: 1, x: 400, y: 400 }]);
    world.coins = [{ id: 5, x: 400, y: 400 }];
    const first = step(world, new Map());
    expect(first.events).toContainEqual({ type: 'coin-picked', playerId: 1, coinId: 5 });
    const second = step(first, new Map());
    expect(second.events.filter((e) => e.type === 'coin-picked')).toEqual([]);
  });
});

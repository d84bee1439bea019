/** Lag compensation's ring of recorded ticks: what it keeps, for how long, for how many. */
import { describe, expect, it } from 'vitest';
import { LagHistory } from '../../src/netcode/lag-history.js';
import { restingPlayer } from '../sim/fixtures.js';

const player = (id: number, x: number) => ({
  id,
  x,
  y: x + 1,
  vx: -2.5,
  vy: 3.0625,
  score: 7,
  dashTicks: 2,
  dashCooldownTicks: 30,
  lastButtons: 17,
});

describe('LagHistory', () => {
  it('gives back every field of a recorded player, a missing one as 0', () => {
    const history = new LagHistory(4);
    history.record(10, [player(3, 100.25), { id: 9, x: 5, y: 6 }]);
    expect(history.stateAt(10, 3)).toEqual(player(3, 100.25));
    // A field not recorded reads as 0, as a player at rest has it.
    expect(history.stateAt(10, 9)).toEqual(restingPlayer({ id: 9, x: 5, y: 6 }));
    expect(history.stateAt(10, 4)).toBeUndefined();
    expect(history.stateAt(11, 3)).toBeUndefined();
  });

  it('keeps the last `length` ticks: an older one is gone once its slot is reused', () => {
    const history = new LagHistory(3);
    for (let tick = 0; tick < 5; tick++) history.record(tick, [player(1, tick)]);
    expect(history.stateAt(1, 1)).toBeUndefined();
    expect(history.stateAt(2, 1)?.x).toBe(2);
    expect(history.stateAt(4, 1)?.x).toBe(4);
  });

  it('grows for a room of 64 and keeps the ticks recorded before', () => {
    const history = new LagHistory(5);
    history.record(1, [player(1, 11), player(2, 12)]);
    const many = Array.from({ length: 64 }, (_, i) => player(100 + i, i));
    history.record(2, many);
    expect(history.stateAt(1, 2)?.x).toBe(12);
    expect(history.stateAt(2, 163)?.x).toBe(63);
    history.record(3, [player(1, 13)]);
    expect(history.stateAt(3, 100)).toBeUndefined();
    expect(history.stateAt(3, 1)?.x).toBe(13);
  });
});

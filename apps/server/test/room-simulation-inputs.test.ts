/** What a room tick reports about inputs, for the applied/dropped metrics. */
import { Button } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG, step } from '@arena/shared/sim';
import { describe, expect, it } from 'vitest';
import { RoomSimulation } from '../src/rooms/room-simulation.js';

const BACKLOG = 15;

function onePlayer(bufferTicks = 2) {
  const sim = new RoomSimulation(3, DEFAULT_SIM_CONFIG, { bufferTicks, maxBacklog: BACKLOG }, step);
  sim.addPlayer(1);
  return sim;
}

function ticks(sim: RoomSimulation, count: number) {
  const total = { inputsApplied: 0, inputsDropped: 0 };
  for (let i = 0; i < count; i++) {
    const { inputsApplied, inputsDropped } = sim.tick();
    total.inputsApplied += inputsApplied;
    total.inputsDropped += inputsDropped;
  }
  return total;
}

describe('room tick input counts', () => {
  it('counts inputs that ran as applied, and guessed slots as neither', () => {
    const sim = onePlayer();
    for (let seq = 1; seq <= 3; seq++)
      sim.receiveInput(1, { seq, buttons: Button.Right, viewTick: 0 });
    // Two ticks of buffer, three inputs, then three slots spent on guesses.
    expect(ticks(sim, 8)).toEqual({ inputsApplied: 3, inputsDropped: 0 });
  });

  it("holds a first input back for the room's buffer, and not at all without one", () => {
    for (const bufferTicks of [0, 2, 4]) {
      const sim = onePlayer(bufferTicks);
      sim.receiveInput(1, { seq: 1, buttons: Button.Right, viewTick: 0 });
      expect(ticks(sim, bufferTicks).inputsApplied).toBe(0);
      expect(ticks(sim, 1).inputsApplied).toBe(1);
    }
  });

  it('counts no more dropped inputs than a backlog could hold when a seq jumps far ahead', () => {
    const sim = onePlayer();
    sim.receiveInput(1, { seq: 1, buttons: Button.Right, viewTick: 0 });
    sim.receiveInput(1, { seq: 4_000_000_000, buttons: Button.Left, viewTick: 0 });
    const counts = ticks(sim, 4);
    expect(counts.inputsDropped).toBeLessThanOrEqual(BACKLOG);
    expect(counts.inputsDropped).toBeGreaterThan(0);
  });
});

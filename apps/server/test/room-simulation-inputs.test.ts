/** What a room tick reports about inputs, for the applied/dropped and input-wait metrics. */
import { Button } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG, step } from '@arena/shared/sim';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('how long each input that ran waited at the server', () => {
  afterEach(() => vi.useRealTimers());

  function recordingWaits(sim: RoomSimulation): number[] {
    const waits: number[] = [];
    sim.onInputRan = (waitedMs) => waits.push(waitedMs);
    return waits;
  }

  /** One tick every 10 ms of the (fake) clock. */
  function ticksEvery10Ms(sim: RoomSimulation, count: number) {
    for (let i = 0; i < count; i++) {
      vi.advanceTimersByTime(10);
      sim.tick();
    }
  }

  it('reports the buffer and the tick each input waited for, and nothing for a guess', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const sim = onePlayer(2);
    const waits = recordingWaits(sim);
    for (let seq = 1; seq <= 3; seq++)
      sim.receiveInput(1, { seq, buttons: Button.Right, viewTick: 0 });
    ticksEvery10Ms(sim, 1);
    // A repeat of a waiting input does not restart its wait.
    sim.receiveInput(1, { seq: 3, buttons: Button.Right, viewTick: 0 });
    ticksEvery10Ms(sim, 7);
    // Held two ticks, then one input a tick; the last three slots are guesses.
    expect(waits).toEqual([30, 40, 50]);
  });

  it('reports a late input as nothing, since it never runs', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const sim = onePlayer(0);
    const waits = recordingWaits(sim);
    sim.receiveInput(1, { seq: 5, buttons: 0, viewTick: 0 });
    ticksEvery10Ms(sim, 1);
    sim.receiveInput(1, { seq: 4, buttons: Button.Left, viewTick: 0 });
    ticksEvery10Ms(sim, 2);
    expect(waits).toEqual([10]);
  });
});

import { describe, expect, it } from 'vitest';
import { InputSlots } from '../../src/netcode/input-slots.js';
import { LagCompensation } from '../../src/netcode/lag-compensation.js';
import { runServerTick } from '../../src/netcode/server-tick.js';
import { Button } from '../../src/protocol/buttons.js';
import { addPlayer, createWorld, step, stepInPlace } from '../../src/sim/index.js';

const TICK_MS = 1000 / 30;

function oneReadyPlayer(buttons: number = Button.Right) {
  const world = addPlayer(createWorld(1), 1);
  const slots = new InputSlots(0);
  slots.receive(1, buttons, 0);
  return { world, slotsByPlayer: new Map([[1, slots]]) };
}

describe('runServerTick', () => {
  it('runs the step function it is given, with the lag-compensated hit lookup', () => {
    const { world, slotsByPlayer } = oneReadyPlayer(Button.Right | Button.Dash);
    const lag = new LagCompensation(TICK_MS);
    const seen: unknown[] = [];
    const { world: next, taken } = runServerTick(world, slotsByPlayer, lag, (w, inputs, o) => {
      seen.push(inputs.get(1), typeof o?.hitPosition);
      return step(w, inputs, o);
    });
    expect(seen).toEqual([Button.Right | Button.Dash, 'function']);
    expect(taken.get(1)).toMatchObject({ seq: 1, viewTick: 0, guessed: false });
    expect(lag.positionAt(1, next.tick)).toEqual({ x: next.players[0]!.x, y: next.players[0]!.y });
  });

  it('builds no hit lookup on a tick where nobody can dash, and still records', () => {
    const { world, slotsByPlayer } = oneReadyPlayer(Button.Right);
    const lag = new LagCompensation(TICK_MS);
    const seen: unknown[] = [];
    const { world: next } = runServerTick(world, slotsByPlayer, lag, (w, inputs, o) => {
      seen.push(typeof o?.hitPosition);
      return stepInPlace(w, inputs, o);
    });
    expect(seen).toEqual(['undefined']);
    expect(next).toBe(world);
    expect(lag.positionAt(1, next.tick)).toEqual({ x: next.players[0]!.x, y: next.players[0]!.y });
  });

  it('records nothing when the step function throws (the caller keeps its world)', () => {
    const { world, slotsByPlayer } = oneReadyPlayer();
    const lag = new LagCompensation(TICK_MS);
    expect(() =>
      runServerTick(world, slotsByPlayer, lag, () => {
        throw new Error('injected');
      }),
    ).toThrow('injected');
    expect(lag.positionAt(1, 1)).toBeUndefined();
    expect(world.tick).toBe(0);
  });
});

/**
 * The server's tick with the netcode in it, as one call: take each player's input slot, judge
 * dash hits where each attacker saw its victims, step the sim, record the new positions for
 * later rewinds. The room then acknowledges each player's `slots.ackedSeq` in its snapshot.
 */
import { step, type StepOptions } from '../sim/step.js';
import type { World } from '../sim/world.js';
import type { InputSlots, TakenInput } from './input-slots.js';
import type { LagCompensation } from './lag-compensation.js';
import { presentPositions } from './present-positions.js';

/** `sim.step`'s shape; the server passes its own so a test can make one room's tick fail. */
export type StepFunction = (
  world: World,
  inputs: ReadonlyMap<number, number>,
  options?: StepOptions,
) => World;

export interface ServerTickResult {
  world: World;
  /** What each player's slot gave this tick (absent: no input yet, no buttons held). */
  taken: Map<number, TakenInput>;
}

export function takeInputs(slots: ReadonlyMap<number, InputSlots>): Map<number, TakenInput> {
  const taken = new Map<number, TakenInput>();
  for (const [id, queue] of slots) {
    const input = queue.take();
    if (input) taken.set(id, input);
  }
  return taken;
}

/**
 * `lagCompensation` undefined: hits are judged in the present, as plain `step` does. If
 * `stepFunction` throws, the slots have been spent but nothing is recorded and no world is
 * returned: the caller keeps the world it had.
 */
export function runServerTick(
  world: World,
  slots: ReadonlyMap<number, InputSlots>,
  lagCompensation?: LagCompensation,
  stepFunction: StepFunction = step,
): ServerTickResult {
  const taken = takeInputs(slots);
  const inputs = new Map([...taken].map(([id, input]) => [id, input.buttons]));
  const options: StepOptions = {};
  if (lagCompensation) {
    const present = presentPositions(world, inputs);
    const reach = 2 * world.config.playerRadius;
    const viewOf = (id: number) => {
      const input = taken.get(id);
      if (input?.viewTick === undefined) return undefined;
      return { tick: input.viewTick, aheadMs: input.viewAheadMs };
    };
    options.hitPosition = lagCompensation.lookup(viewOf, present, reach);
  }
  const next = stepFunction(world, inputs, options);
  lagCompensation?.record(next.tick, next.players);
  return { world: next, taken };
}

/**
 * The server's tick with the netcode in it, as one call: take each player's input slot, judge
 * dash hits where each attacker saw its victims, step the sim, record the new positions for
 * later rewinds. The room then acknowledges each player's `slots.ackedSeq` in its snapshot.
 */
import { mayDashThisTick } from '../sim/movement.js';
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

/** Each player's buttons this tick, out of what its slot gave. */
function buttonsOf(taken: ReadonlyMap<number, TakenInput>): Map<number, number> {
  const inputs = new Map<number, number>();
  for (const [id, input] of taken) inputs.set(id, input.buttons);
  return inputs;
}

/**
 * Whether anyone can land a dash hit this tick. Most ticks nobody dashes, and then there is
 * nothing to judge: no present positions to compute, no lookup to build.
 */
function anyoneMayDash(world: World, inputs: ReadonlyMap<number, number>): boolean {
  for (const player of world.players) {
    if (mayDashThisTick(player, inputs.get(player.id) ?? 0)) return true;
  }
  return false;
}

/**
 * `lagCompensation` undefined: hits are judged in the present, as plain `step` does. If
 * `stepFunction` throws, the slots have been spent but nothing is recorded and no world is
 * returned: the caller keeps the world it had (as far as the step function left it: `step`
 * never touches it, `stepInPlace` advances that very world and returns it).
 */
export function runServerTick(
  world: World,
  slots: ReadonlyMap<number, InputSlots>,
  lagCompensation?: LagCompensation,
  stepFunction: StepFunction = step,
): ServerTickResult {
  const taken = takeInputs(slots);
  const inputs = buttonsOf(taken);
  const options: StepOptions = {};
  if (lagCompensation && anyoneMayDash(world, inputs)) {
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

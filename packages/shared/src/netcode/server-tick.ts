/**
 * The server's tick with the netcode in it, as one call: take each player's input slot, judge
 * dash hits where each attacker saw its victims, step the sim, record the new positions for
 * later rewinds. The room then acknowledges each player's `slots.ackedSeq` in its snapshot.
 *
 * A room runs it 30 times a second for as long as it lives, so `ServerTick` keeps what a tick
 * needs from one tick to the next: each player's slots with the input they gave (one object
 * per player, rewritten each tick), each player's buttons, the attacker's view, the present
 * positions a dash is judged with. A tick then allocates nothing of its own on the usual tick
 * where nobody dashes.
 */
import { mayDashThisTick } from '../sim/movement.js';
import { step, type StepOptions } from '../sim/step.js';
import { findPlayer, type World } from '../sim/world.js';
import { doubleStepIsUnseen } from './double-step.js';
import type { InputSlots } from './input-slots.js';
import { emptyTakenInput, type DoubleStepCheck, type TakenInput } from './taken-input.js';
import type { AttackerView, LagCompensation } from './lag-compensation.js';
import type { Point } from './point.js';
import { presentPositionsInto } from './present-positions.js';

/** `sim.step`'s shape; the server passes its own so a test can make one room's tick fail. */
export type StepFunction = (
  world: World,
  inputs: ReadonlyMap<number, number>,
  options?: StepOptions,
) => World;

export interface ServerTickResult {
  world: World;
  /** What each player's slot gave this tick (absent: no input yet, no buttons held). */
  taken: ReadonlyMap<number, TakenInput>;
}

interface TickPlayer {
  readonly slots: InputSlots;
  /** What the slots gave this tick, when `took`. */
  readonly taken: TakenInput;
  took: boolean;
  /** `taken`'s view, as lag compensation reads it. */
  readonly view: AttackerView;
  /** Whether this player may run two slots this tick unseen (made once, per player). */
  readonly doubleStepUnseen: DoubleStepCheck;
}

const NO_OPTIONS: StepOptions = Object.freeze({});

export class ServerTick {
  private readonly players = new Map<number, TickPlayer>();
  /** What each player's slot gave this tick (absent: no input yet). Rewritten every tick. */
  readonly taken = new Map<number, TakenInput>();
  /** Each player's buttons this tick; 0 (as `step` reads an absent one) before any input. */
  private readonly buttons = new Map<number, number>();
  /** Where each player is after this tick's movement, on a tick with a dash in it. */
  private readonly present = new Map<number, Point>();
  /** The buttons of the extra slot each player stepping twice runs first this tick. */
  private readonly doubleSteps = new Map<number, number>();
  /** The world this tick starts from, for the double-step checks. */
  private world: World | undefined;
  /** This tick's inputs that had arrived (a guess repeats buttons; it applies no input). */
  inputsApplied = 0;
  /** Inputs in slots skipped this tick because a client ran ahead: they never run. */
  inputsDropped = 0;

  /** `lagCompensation` undefined: hits are judged in the present, as plain `step` does. */
  constructor(
    private readonly lagCompensation?: LagCompensation,
    private readonly stepFunction: StepFunction = step,
  ) {}

  add(id: number, slots: InputSlots): void {
    const view = { tick: 0, aheadMs: 0 };
    const doubleStepUnseen: DoubleStepCheck = (first, second) => {
      const world = this.world;
      const player = world ? findPlayer(world, id) : undefined;
      return (
        world !== undefined &&
        player !== undefined &&
        doubleStepIsUnseen(world, player, first, second)
      );
    };
    this.players.set(id, { slots, taken: emptyTakenInput(), took: false, view, doubleStepUnseen });
    this.buttons.set(id, 0);
  }

  remove(id: number): void {
    this.players.delete(id);
    this.taken.delete(id);
    this.buttons.delete(id);
  }

  slotsOf(id: number): InputSlots | undefined {
    return this.players.get(id)?.slots;
  }

  /**
   * Runs one tick of `world`. If the step function throws, the slots have been spent but
   * nothing is recorded and no world is returned: the caller keeps the world it had (as far
   * as the step function left it: `step` never touches it, `stepInPlace` advances that very
   * world and returns it).
   */
  run(world: World): World {
    this.world = world;
    this.takeInputs();
    const doubleStep = this.doubleSteps.size > 0 ? this.doubleSteps : undefined;
    let options = doubleStep ? { doubleStep } : NO_OPTIONS;
    const lagCompensation = this.lagCompensation;
    if (lagCompensation && this.anyoneMayDash(world)) {
      const present = presentPositionsInto(world, this.buttons, this.present, doubleStep);
      const reach = 2 * world.config.playerRadius;
      options = { doubleStep, hitPosition: lagCompensation.lookup(this.viewOf, present, reach) };
    }
    const next = this.stepFunction(world, this.buttons, options);
    this.world = undefined;
    lagCompensation?.record(next.tick, next.players);
    return next;
  }

  private takeInputs(): void {
    let applied = 0;
    let dropped = 0;
    this.doubleSteps.clear();
    for (const [id, player] of this.players) {
      const { taken, slots } = player;
      player.took = slots.takeInto(taken, player.doubleStepUnseen);
      if (!player.took) {
        // Only before a player's first input, or while it is held for the buffer.
        if (this.taken.delete(id)) this.buttons.set(id, 0);
        continue;
      }
      this.taken.set(id, taken);
      this.buttons.set(id, taken.buttons);
      if (!taken.guessed) applied += 1;
      if (taken.doubled) {
        this.doubleSteps.set(id, taken.firstButtons);
        applied += 1;
      }
      // A lying seq can skip billions of empty slots; only a backlog's worth held inputs.
      dropped += Math.min(taken.skippedBefore, slots.maxBacklog);
      if (taken.viewTick !== undefined) {
        player.view.tick = taken.viewTick;
        player.view.aheadMs = taken.viewAheadMs;
      }
    }
    this.inputsApplied = applied;
    this.inputsDropped = dropped;
  }

  /** Where an attacker drew the others this tick (undefined: it sent no view, judged now). */
  private readonly viewOf = (id: number): AttackerView | undefined => {
    const player = this.players.get(id);
    return player?.took && player.taken.viewTick !== undefined ? player.view : undefined;
  };

  /**
   * Whether anyone can land a dash hit this tick. Most ticks nobody dashes, and then there is
   * nothing to judge: no present positions to compute, no lookup to build.
   */
  private anyoneMayDash(world: World): boolean {
    for (const player of world.players) {
      if (mayDashThisTick(player, this.buttons.get(player.id) ?? 0)) return true;
    }
    return false;
  }
}

/**
 * One tick of `world` with `slots`, as `ServerTick.run` (a tool or a test that holds its
 * slots in a map of its own); `taken` is a map of its own too.
 */
export function runServerTick(
  world: World,
  slots: ReadonlyMap<number, InputSlots>,
  lagCompensation?: LagCompensation,
  stepFunction: StepFunction = step,
): ServerTickResult {
  const tick = new ServerTick(lagCompensation, stepFunction);
  for (const [id, playerSlots] of slots) tick.add(id, playerSlots);
  const next = tick.run(world);
  return { world: next, taken: tick.taken };
}

import { describe, expect, it } from 'vitest';
import { doubleStepIsUnseen } from '../../src/netcode/double-step.js';
import { InputSlots } from '../../src/netcode/input-slots.js';
import type { DoubleStepCheck } from '../../src/netcode/taken-input.js';
import { ServerTick } from '../../src/netcode/server-tick.js';
import { Button } from '../../src/protocol/buttons.js';
import {
  addPlayer,
  constantsFor,
  createWorld,
  movePlayer,
  stepInPlace,
  type PlayerState,
} from '../../src/sim/index.js';

const ALWAYS: DoubleStepCheck = () => true;
const NEVER: DoubleStepCheck = () => false;
/** Slots whose buffer never shrinks below the room's 2 (clean links aside). */
const surplusOnly = () => new InputSlots(2, undefined, { minBufferTicks: 2 });

/**
 * A client whose first input came a tick late (its second arrived with it), then one input a
 * tick: every input after the first waits a tick longer than the buffer needs. Returns the
 * seqs each tick ran, in order, and how many ticks each newest input had to wait at the end.
 */
function tickEarlyClient(check: DoubleStepCheck | undefined, ticks = 400, lateEvery = 0) {
  const slots = surplusOnly();
  slots.receive(1, Button.Right);
  slots.receive(2, Button.Right);
  let seq = 3;
  const ran: number[] = [];
  const heldBack: number[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    // Every `lateEvery`-th input arrives 4 ticks late: a tick after its slot was spent.
    if (heldBack.length > 0 && heldBack[0]! + 4 <= seq) slots.receive(heldBack.shift()!, 0);
    if (tick > 0 && lateEvery > 0 && seq % lateEvery === 0) heldBack.push(seq++);
    else if (tick > 0) slots.receive(seq++, Button.Right);
    const taken = slots.take(check);
    if (!taken) continue;
    if (taken.doubled) ran.push(taken.seq - 1);
    ran.push(taken.seq);
  }
  return { slots, ran, newestLead: seq - 1 - slots.ackedSeq };
}

describe('InputSlots stepping twice to trim a buffer a tick too deep', () => {
  it('runs two slots in one tick once 5 s of inputs all waited a tick longer than needed', () => {
    const without = tickEarlyClient(undefined);
    const withDoubleSteps = tickEarlyClient(ALWAYS);
    expect(without.slots.stats.doubled).toBe(0);
    expect(withDoubleSteps.slots.stats.doubled).toBe(1);
    // Nothing dropped, nothing run twice: every seq ran once, in order.
    expect(withDoubleSteps.slots.stats.skipped).toBe(0);
    expect(withDoubleSteps.ran).toEqual(
      withDoubleSteps.ran.map((_, i) => withDoubleSteps.ran[0]! + i),
    );
    expect(withDoubleSteps.newestLead).toBe(without.newestLead - 1);
  });

  it('waits for a moment the check calls unseen, and hands it both inputs in order', () => {
    const slots = surplusOnly();
    slots.receive(1, Button.Right);
    slots.receive(2, Button.Right);
    const asked: [number, number][] = [];
    let allowed = false;
    const check: DoubleStepCheck = (first, second) => {
      asked.push([first, second]);
      return allowed;
    };
    slots.take(check);
    for (let seq = 3; seq < 400; seq++) {
      slots.receive(seq, seq % 2 === 0 ? Button.Up : Button.Down);
      slots.take(check);
    }
    expect(slots.stats.doubled).toBe(0);
    const [first, second] = asked.at(-1)!;
    expect(second).toBe(first === Button.Up ? Button.Down : Button.Up);
    allowed = true;
    slots.receive(400, Button.Up);
    expect(slots.take(check)).toMatchObject({ doubled: true, guessed: false });
    expect(slots.stats.doubled).toBe(1);
  });

  it('never steps twice for a buffer that is only as deep as the room asks', () => {
    const slots = surplusOnly();
    for (let seq = 1; seq < 500; seq++) {
      slots.receive(seq, Button.Right);
      slots.take(ALWAYS);
    }
    expect(slots.stats.doubled).toBe(0);
  });

  it('keeps the surplus of a link that lost an input to lateness within the window', () => {
    const { slots } = tickEarlyClient(ALWAYS, 700, 50);
    expect(slots.stats.late).toBeGreaterThan(0);
    expect(slots.stats.doubled).toBe(0);
  });

  it('shrinks a clean link below the room buffer at such a moment too, and grows back when late', () => {
    const slots = new InputSlots(2);
    const leads: number[] = [];
    for (let seq = 1; seq < 500; seq++) {
      slots.receive(seq, Button.Right);
      slots.take(ALWAYS);
      leads.push(seq - slots.ackedSeq);
    }
    // Every input arrived with the same lead for 10 s: one tick of buffer is enough, and the
    // player never stopped, so the slot was stepped through rather than dropped at rest.
    expect(slots.stats).toMatchObject({ doubled: 1, skipped: 0 });
    expect(leads.at(-1)).toBe(leads[100]! - 1);
    // A late input gives the tick back: the next slot waits a tick.
    expect(slots.receive(slots.ackedSeq, Button.Right)).toBe('held');
  });

  it('leaves the one-tick surplus alone when the moment never comes', () => {
    const { slots } = tickEarlyClient(NEVER, 700);
    expect(slots.stats).toMatchObject({ doubled: 0, skipped: 0 });
  });
});

function playerAt(overrides: Partial<PlayerState>): PlayerState {
  const world = addPlayer(createWorld(3), 1);
  world.coins = [];
  Object.assign(world.players[0]!, { x: 400, y: 400, vx: 0, vy: 0 }, overrides);
  return world.players[0]!;
}

describe('doubleStepIsUnseen', () => {
  const world = addPlayer(createWorld(3), 1);
  world.coins = [];

  it('allows two moves that together cover no more than a tick at full speed', () => {
    const starting = playerAt({});
    expect(doubleStepIsUnseen(world, starting, Button.Right, Button.Right)).toBe(true);
    const turning = playerAt({ vx: 60 });
    expect(doubleStepIsUnseen(world, turning, Button.Left, Button.Left)).toBe(true);
  });

  it('refuses a player running at full speed, a dash, and a coin touched in between', () => {
    const running = playerAt({ vx: world.config.maxSpeed });
    expect(doubleStepIsUnseen(world, running, Button.Right, Button.Right)).toBe(false);
    const still = playerAt({});
    expect(doubleStepIsUnseen(world, still, Button.Right | Button.Dash, Button.Right)).toBe(false);
    expect(doubleStepIsUnseen(world, still, Button.Right, Button.Right | Button.Dash)).toBe(false);
    const withCoin = { ...world, coins: [{ id: 1, x: 430, y: 400 }] };
    expect(doubleStepIsUnseen(withCoin, still, Button.Right, Button.Left)).toBe(false);
  });
});

describe('ServerTick stepping a player twice', () => {
  it('leaves the player exactly where its client predicted, one input a tick', () => {
    let world = addPlayer(createWorld(5), 1);
    world.coins = [];
    world.config = { ...world.config, coinSpawnSeconds: 1e6 };
    const slots = new InputSlots(2);
    const tick = new ServerTick(undefined, stepInPlace);
    tick.add(1, slots);
    // The client: the same random walk, predicted one input a tick from the same start.
    const predicted = { ...world.players[0]! };
    const k = constantsFor(world.config);
    const afterSeq = new Map<number, PlayerState>();
    const buttonsOf = (seq: number) => [Button.Right, 0, Button.Left, Button.Down][(seq >> 4) % 4]!;
    const send = (seq: number) => {
      slots.receive(seq, buttonsOf(seq));
      movePlayer(predicted, buttonsOf(seq), world.config, k);
      afterSeq.set(seq, { ...predicted });
    };
    send(1);
    let seq = 2;
    for (let i = 0; i < 700; i++) {
      send(seq++);
      world = tick.run(world);
      const acked = slots.ackedSeq;
      if (acked === 0) continue;
      const { x, y, vx, vy } = world.players[0]!;
      expect({ x, y, vx, vy }).toEqual(pick(afterSeq.get(acked)!));
    }
    expect(slots.stats.doubled).toBeGreaterThan(0);
  });
});

function pick({ x, y, vx, vy }: PlayerState) {
  return { x, y, vx, vy };
}

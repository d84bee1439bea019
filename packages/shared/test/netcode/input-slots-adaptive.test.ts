import { describe, expect, it } from 'vitest';
import { InputSlots } from '../../src/netcode/input-slots.js';
import type { TakenInput } from '../../src/netcode/taken-input.js';
import { Button } from '../../src/protocol/buttons.js';

/**
 * A client sending one input per tick (seq = tick + 1) over a link that delays the input
 * sent on tick t by `delayOf(t)` ticks; the server takes one slot per tick after the arrivals.
 * By default the buttons change every 10 ticks, so a slot spent on a guess is told from its
 * own input.
 */
function playOver(
  slots: InputSlots,
  ticks: number,
  delayOf: (tick: number) => number,
  buttonsOf: (seq: number) => number = walking,
) {
  const arriving = new Map<number, number[]>();
  const taken: (TakenInput | undefined)[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const at = tick + delayOf(tick);
    arriving.set(at, [...(arriving.get(at) ?? []), tick + 1]);
    for (const seq of arriving.get(tick) ?? []) slots.receive(seq, buttonsOf(seq));
    arriving.delete(tick);
    taken.push(slots.take());
  }
  return taken;
}

const TICK_MS = 1000 / 30;

/**
 * `playOver` with arrival times: the input sent on tick t arrives at `arrivalMsOf(t)` (after
 * its send at t × TICK_MS), handed to the slots with that time before the first tick at or
 * after it.
 */
function playTimed(
  slots: InputSlots,
  ticks: number,
  arrivalMsOf: (tick: number) => number,
  buttonsOf: (seq: number) => number,
) {
  const arriving = new Map<number, [seq: number, atMs: number][]>();
  const taken: (TakenInput | undefined)[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const atMs = arrivalMsOf(tick);
    const at = Math.ceil(atMs / TICK_MS - 1e-9);
    arriving.set(at, [...(arriving.get(at) ?? []), [tick + 1, atMs]]);
    for (const [seq, ms] of arriving.get(tick) ?? []) {
      slots.receive(seq, buttonsOf(seq), undefined, 0, ms);
    }
    arriving.delete(tick);
    taken.push(slots.take());
  }
  return taken;
}

/** A fixed scatter of numbers in [-0.5, 0.5), the same in every run. */
function wobble(tick: number): number {
  const x = Math.sin(tick * 12.9898) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

/** The first slots dropped, in seq order. */
function drops(taken: readonly (TakenInput | undefined)[]): number[] {
  return taken.filter((input) => input && input.skippedBefore > 0).map((input) => input!.seq);
}

const walking = (seq: number) => (Math.floor(seq / 10) % 2 === 0 ? Button.Right : Button.Left);
/** Walks for 10 s, then stands idle: the moment a buffer may shrink unseen. */
const walksThenStands = (seq: number) => (seq < 300 ? walking(seq) : 0);

/** Ticks between an input's send and its slot, for the slots spent on their own input. */
function delays(taken: readonly (TakenInput | undefined)[], from: number): number[] {
  const result: number[] = [];
  taken.forEach((input, tick) => {
    if (tick >= from && input && !input.guessed) result.push(tick - (input.seq - 1));
  });
  return result;
}

describe('InputSlots: a buffer that follows the link', () => {
  it('holds the slots when a slower link leaves every input a few slots late, so it is heard again', () => {
    for (const extra of [3, 4, 6]) {
      // The room's buffer for good (no shrinking), to see the hold alone.
      const slots = new InputSlots(2, undefined, { minBufferTicks: 2 });
      // One tick of delay for 10 s, then `extra` ticks more for good (a longer route): every
      // input 1, 2 or 4 slots late, fewer than a re-anchor needs.
      const taken = playOver(slots, 900, (tick) => (tick < 300 ? 1 : 1 + extra));
      expect(slots.stats.held).toBe(1);
      expect(slots.stats.reanchored).toBe(0);
      // Within a second of the change every slot runs its own input again, after the room's
      // buffer...
      const settled = 300 + 30;
      expect(taken.slice(settled).every((input) => input && !input.guessed)).toBe(true);
      expect(delays(taken, settled)[0]).toBe(1 + extra + 2);
      // ...and the ack never went back: nothing the client saw acknowledged ran twice.
      const acks = taken.filter((input) => input !== undefined).map((input) => input.seq);
      expect(acks.every((seq, i) => i === 0 || seq > acks[i - 1]!)).toBe(true);
    }
  });

  it('holds nothing while some inputs still arrive in time', () => {
    const slots = new InputSlots(2, undefined, { minBufferTicks: 2 });
    // 4 ticks of delay, but every 10th input on time: jitter, not a slower link.
    playOver(slots, 900, (tick) => (tick < 300 || tick % 10 === 0 ? 1 : 4));
    expect(slots.stats.late).toBeGreaterThan(100);
    expect(slots.stats.held).toBe(0);
  });

  it('gives a tick back at the first late input on a shrunk buffer', () => {
    const slots = new InputSlots(2);
    // Clean for 20 s (the buffer shrinks once the player stands), then 2 ticks slower.
    const taken = playOver(slots, 1200, (tick) => (tick < 600 ? 1 : 3), walksThenStands);
    expect(slots.stats.skipped).toBe(1);
    expect(slots.stats.held).toBe(1);
    expect(slots.stats.guessed).toBe(1);
    expect(delays(taken, 610).every((d) => d === 3)).toBe(true);
  });

  it('shrinks to one tick of buffer on a clean link, once the player stands at rest', () => {
    const slots = new InputSlots(2);
    const taken = playOver(slots, 900, () => 1, walksThenStands);
    expect(delays(taken, 60).slice(0, 5)).toEqual([3, 3, 3, 3, 3]);
    // The link's one tick plus the room's two before, plus one after.
    expect(delays(taken, 600).every((d) => d === 2)).toBe(true);
    // One slot dropped, once, an idle one: its input never ran, and it would have changed
    // nothing. None guessed.
    expect(slots.stats.skipped).toBe(1);
    const dropped = taken.find((input) => input && input.skippedBefore > 0)!;
    expect(dropped.seq).toBeGreaterThan(300 + 34);
    expect(dropped.buttons).toBe(0);
    expect(slots.stats.guessed).toBe(0);
    expect(slots.stats.held).toBe(0);
  });

  /**
   * A standing player whose inputs arrive a tick and a half after their send, give or take
   * `wobbleTicks / 2` of a tick: the slots' stats and the seq of the first slot dropped.
   */
  function firstDropOnSteadyLink(wobbleTicks: number) {
    const slots = new InputSlots(2);
    const arrival = (tick: number) => (tick + 1.5 + wobble(tick) * wobbleTicks) * TICK_MS;
    const taken = playTimed(slots, 600, arrival, () => 0);
    return { stats: slots.stats, firstDrop: drops(taken)[0] };
  }

  it('shrinks after 3 s, not 10, a link whose inputs keep their beat to a few ms', () => {
    // Give or take 2 ms.
    const { stats, firstDrop } = firstDropOnSteadyLink(0.12);
    expect(stats.guessed).toBe(0);
    expect(firstDrop).toBeLessThan(5 * 30);
  });

  it('waits the whole 10 s for a link whose inputs jitter by more than a third of a tick', () => {
    // Give or take 12 ms: 24 ms of spread, though every lead is the same.
    const { stats, firstDrop } = firstDropOnSteadyLink(0.72);
    expect(stats.guessed).toBe(0);
    expect(firstDrop).toBeGreaterThan(9 * 30);
  });

  it('looks early only once: after a tick given back it waits the whole window', () => {
    const slots = new InputSlots(2);
    // A clean link (the first look shrinks it) but for one input 2 ticks late at 5 s, which
    // gives the tick back.
    const arrival = (tick: number) => (tick + (tick === 150 ? 3.5 : 1.5)) * TICK_MS;
    const taken = playTimed(slots, 900, arrival, () => 0);
    expect(slots.stats.guessed).toBe(1);
    const [first, second] = drops(taken);
    expect(first).toBeLessThan(150);
    expect(second).toBeGreaterThan(150 + 300);
  });

  it('drops no input of a player who keeps moving', () => {
    const slots = new InputSlots(2);
    playOver(slots, 900, () => 1);
    expect(slots.stats.skipped).toBe(0);
  });

  it("keeps the room's buffer on a link whose inputs spread over two ticks", () => {
    const slots = new InputSlots(2);
    // 1 or 3 ticks of delay, changing every 7 ticks: jitter of two ticks.
    const taken = playOver(
      slots,
      900,
      (tick) => (Math.floor(tick / 7) % 2 === 0 ? 1 : 3),
      walksThenStands,
    );
    expect(slots.stats.skipped).toBe(0);
    expect(slots.stats.guessed).toBe(0);
    expect(delays(taken, 600).every((d) => d === 1 + 2)).toBe(true);
  });

  it("keeps the room's buffer when the least buffer is the room's", () => {
    const slots = new InputSlots(2, undefined, { minBufferTicks: 2 });
    const taken = playOver(slots, 900, () => 1, walksThenStands);
    expect(slots.stats.skipped).toBe(0);
    expect(delays(taken, 600).every((d) => d === 3)).toBe(true);
  });

  it('holds nothing for a burst of late inputs after a stall of the link', () => {
    const slots = new InputSlots(2);
    // A 600 ms stall: 18 ticks of inputs arrive together when it ends.
    playOver(slots, 600, (tick) => (tick >= 200 && tick < 218 ? 218 - tick : 1));
    expect(slots.stats.late).toBeGreaterThan(0);
    expect(slots.stats.held).toBe(0);
  });
});

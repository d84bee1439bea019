import { describe, expect, it } from 'vitest';
import { QueuedInputs } from '../../src/netcode/queued-inputs.js';
import { InputSlots } from '../../src/netcode/input-slots.js';
import { emptyTakenInput } from '../../src/netcode/taken-input.js';

describe('QueuedInputs', () => {
  it('keeps each input under its own seq, and a place left by an older seq reads as empty', () => {
    const queued = new QueuedInputs(16); // a ring of 16
    queued.set(3, 5, 40, 12.5, 1000);
    expect([queued.has(3), queued.buttons(3), queued.viewTick(3), queued.viewAheadMs(3)]).toEqual([
      true,
      5,
      40,
      12.5,
    ]);
    expect(queued.arrivedAtMs(3)).toBe(1000);
    expect([queued.has(19), queued.buttons(19)]).toEqual([false, -1]); // same place, other seq
    queued.set(4, 0, undefined, 0, 1001);
    expect(queued.viewTick(4)).toBeUndefined();
    queued.delete(19); // not here: seq 3 stays
    expect(queued.has(3)).toBe(true);
    queued.delete(3);
    expect(queued.has(3)).toBe(false);
  });

  it('forgets what came before a seq by its places, even past a jump of billions', () => {
    const queued = new QueuedInputs(16);
    for (let seq = 10; seq < 20; seq++) queued.set(seq, 1, undefined, 0, 0);
    queued.deleteBefore(15);
    expect([14, 15, 19].map((seq) => queued.has(seq))).toEqual([false, true, true]);
    const far = 2 ** 40 + 7;
    queued.set(far, 2, undefined, 0, 0);
    queued.deleteBefore(far);
    expect([queued.has(19), queued.buttons(far)]).toEqual([false, 2]);
    queued.clear();
    expect(queued.has(far)).toBe(false);
  });

  it('refuses a span it could not hold, instead of looping or allocating without end', () => {
    for (const span of [0, 1.5, Infinity, 2 ** 20])
      expect(() => new QueuedInputs(span)).toThrow(RangeError);
  });
});

describe('InputSlots with a ring of inputs', () => {
  it('hands back when each input it runs arrived, for its wait at the server', () => {
    const slots = new InputSlots(2);
    for (let seq = 1; seq <= 4; seq++) slots.receive(seq, 0, undefined, 0, 100 + seq);
    const out = emptyTakenInput();
    const arrived: number[] = [];
    for (let tick = 0; tick < 6; tick++)
      if (slots.takeInto(out) && !out.guessed) arrived.push(out.arrivedAtMs);
    expect(arrived).toEqual([101, 102, 103, 104]);
  });

  it('never mixes up two inputs a backlog apart: the older slots are dropped first', () => {
    const slots = new InputSlots(0, 15);
    const out = emptyTakenInput();
    slots.receive(1, 1);
    slots.receive(33, 2); // 32 ahead: the ring's place of seq 1, past the backlog of 15
    expect(slots.takeInto(out)).toBe(true);
    expect(out.seq).toBe(18); // slots 1-17 dropped; 33 waits in its slot
    expect([out.guessed, slots.stats.skipped]).toEqual([true, 17]);
  });
});

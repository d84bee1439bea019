import { describe, expect, it } from 'vitest';
import { InputSlots, REANCHOR_AFTER_LATE_TICKS } from '../../src/netcode/input-slots.js';
import { Button } from '../../src/protocol/buttons.js';

describe('InputSlots', () => {
  it('holds the first input for the buffer, then spends one slot per tick', () => {
    const slots = new InputSlots(2);
    expect(slots.take()).toBeUndefined();
    slots.receive(1, Button.Up, 100);
    slots.receive(2, Button.Left, 101);
    expect(slots.take()).toBeUndefined();
    expect(slots.take()).toBeUndefined();
    expect(slots.take()).toMatchObject({
      seq: 1,
      buttons: Button.Up,
      viewTick: 100,
      guessed: false,
    });
    expect(slots.take()).toMatchObject({ seq: 2, buttons: Button.Left, viewTick: 101 });
    expect(slots.ackedSeq).toBe(2);
  });

  it('guesses the last buttons (dash bit included) when an input is late, and ignores it later', () => {
    const slots = new InputSlots(0);
    slots.receive(1, Button.Right | Button.Dash, 50);
    slots.take();
    const guess = slots.take()!;
    expect(guess).toMatchObject({
      seq: 2,
      buttons: Button.Right | Button.Dash,
      viewTick: 51,
      guessed: true,
    });
    expect(slots.receive(2, Button.Left)).toBe('late');
    slots.receive(3, Button.Left, 53);
    expect(slots.take()).toMatchObject({ seq: 3, buttons: Button.Left, guessed: false });
    expect(slots.stats).toMatchObject({ applied: 2, guessed: 1, late: 1 });
  });

  it('carries how far the client was extrapolating, and keeps it through a guess', () => {
    const slots = new InputSlots(0);
    slots.receive(1, Button.Up, 40, 120);
    expect(slots.take()).toMatchObject({ seq: 1, viewTick: 40, viewAheadMs: 120 });
    expect(slots.take()).toMatchObject({ seq: 2, viewTick: 41, viewAheadMs: 120, guessed: true });
    slots.receive(3, Button.Up, 45);
    expect(slots.take()).toMatchObject({ seq: 3, viewTick: 45, viewAheadMs: 0 });
  });

  it('refuses a repeated seq', () => {
    const slots = new InputSlots(1);
    slots.receive(5, 0);
    expect(slots.receive(5, Button.Up)).toBe('duplicate');
  });

  it('drops surplus slots when inputs keep arriving far earlier than needed', () => {
    const slots = new InputSlots(2);
    // The first input came late (a stall), so everything after it sits 8 ticks in the buffer.
    slots.receive(1, 0);
    for (let seq = 2; seq <= 9; seq++) slots.receive(seq, 0);
    let seq = 10;
    const taken: number[] = [];
    for (let tick = 0; tick < 200; tick++) {
      slots.receive(seq++, 0);
      const input = slots.take();
      if (input) taken.push(input.seq);
    }
    expect(slots.stats.skipped).toBeGreaterThan(0);
    // Now each input is spent about bufferTicks after it arrives.
    expect(seq - 1 - taken.at(-1)!).toBeLessThanOrEqual(2 + 2);
  });

  it('pulls a client that runs far ahead back at once', () => {
    const slots = new InputSlots(0, 15);
    slots.receive(1, 0);
    slots.receive(100, Button.Up);
    expect(slots.stats.skipped).toBeGreaterThan(0);
    const first = slots.take()!;
    expect(first.seq).toBeGreaterThan(1);
    expect(first.skippedBefore).toBeGreaterThan(0);
  });

  it('skips a seq that jumps billions ahead in one step, without walking the gap', () => {
    const slots = new InputSlots(0, 15);
    slots.receive(1, Button.Down);
    slots.receive(4_000_000_000, Button.Up);
    const first = slots.take()!;
    expect(first).toMatchObject({ seq: 4_000_000_000 - 15, guessed: true });
    expect(first.skippedBefore).toBe(4_000_000_000 - 16);
  });

  it('forgets everything on reset (a new connection)', () => {
    const slots = new InputSlots(0);
    slots.receive(10, Button.Up);
    slots.take();
    slots.reset();
    expect(slots.ackedSeq).toBe(0);
    slots.receive(1, Button.Down);
    expect(slots.take()).toMatchObject({ seq: 1, buttons: Button.Down });
  });

  it('re-anchors on a client that went on counting after a pause, so it is heard again', () => {
    const slots = new InputSlots(2);
    let seq = 1;
    for (let tick = 0; tick < 20; tick++) {
      slots.receive(seq++, 0);
      slots.take();
    }
    // A one-second pause: the server guesses 30 slots the client never sent.
    for (let tick = 0; tick < 30; tick++) slots.take();
    const ackBefore = slots.ackedSeq;
    expect(ackBefore).toBeGreaterThan(seq + 20);
    // The client resumes where it stopped, one input per tick, now holding Right.
    const taken: { seq: number; buttons: number; guessed: boolean }[] = [];
    const results: string[] = [];
    for (let tick = 0; tick < REANCHOR_AFTER_LATE_TICKS + 4; tick++) {
      results.push(slots.receive(seq++, Button.Right));
      taken.push(slots.take()!);
    }
    expect(slots.stats.reanchored).toBe(1);
    // The input that moved the slots says so (a host counts it), and is used.
    expect(results.filter((r) => r === 'reanchored')).toHaveLength(1);
    // Heard again: its own inputs run, and the ack is back on its seqs.
    const heard = taken.filter((t) => !t.guessed);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.every((t) => t.buttons === Button.Right)).toBe(true);
    expect(slots.ackedSeq).toBeLessThan(ackBefore);
    expect(seq - 1 - slots.ackedSeq).toBe(2);
  });

  it('does not re-anchor on a burst of late inputs after a stall of the link', () => {
    const slots = new InputSlots(2);
    let seq = 1;
    for (let tick = 0; tick < 10; tick++) {
      slots.receive(seq++, 0);
      slots.take();
    }
    // The link stalls for 20 ticks, then delivers all it held in one burst.
    for (let tick = 0; tick < 20; tick++) slots.take();
    for (let i = 0; i < 20; i++) slots.receive(seq++, 0);
    for (let tick = 0; tick < 30; tick++) {
      slots.receive(seq++, 0);
      slots.take();
    }
    expect(slots.stats.late).toBeGreaterThan(10);
    expect(slots.stats.reanchored).toBe(0);
  });

  it('does not re-anchor while some inputs still arrive in time', () => {
    const slots = new InputSlots(2);
    let seq = 1;
    for (let tick = 0; tick < 5; tick++) slots.receive(seq++, 0);
    for (let tick = 0; tick < 100; tick++) {
      slots.take();
      // Every other tick a late input from a jittery link, and always one in time.
      if (tick % 2 === 0) slots.receive(slots.ackedSeq, 0);
      slots.receive(seq++, 0);
    }
    expect(slots.stats.late).toBeGreaterThan(0);
    expect(slots.stats.reanchored).toBe(0);
  });

  it('carries a dash press that came too late to the next slot, once, instead of losing it', () => {
    const slots = new InputSlots(2);
    slots.receive(1, Button.Right);
    for (let tick = 0; tick < 3; tick++) slots.take();
    // Slot 2 is guessed (Right again); then its input comes, a tap of Dash, and slot 3's.
    expect(slots.take()).toMatchObject({ seq: 2, buttons: Button.Right, guessed: true });
    expect(slots.receive(2, Button.Right | Button.Dash)).toBe('late');
    slots.receive(3, Button.Right);
    slots.receive(4, Button.Right);
    expect(slots.take()).toMatchObject({ seq: 3, buttons: Button.Right | Button.Dash });
    expect(slots.take()).toMatchObject({ seq: 4, buttons: Button.Right });
    expect(slots.stats.latePressesCarried).toBe(1);
  });

  it('dashes where the late input pointed when the next slot is guessed too', () => {
    // A tab whose frames come far apart: it walked down-left, let go, then pressed Right and
    // Dash, and that input is the last of its burst. Its slot and the next one are guessed.
    const slots = new InputSlots(2);
    slots.receive(1, Button.Down | Button.Left);
    slots.receive(2, 0);
    for (let tick = 0; tick < 4; tick++) slots.take();
    expect(slots.take()).toMatchObject({ seq: 3, buttons: 0, guessed: true });
    expect(slots.receive(3, Button.Right | Button.Dash)).toBe('late');
    expect(slots.take()).toMatchObject({
      seq: 4,
      buttons: Button.Right | Button.Dash,
      guessed: true,
      carriedPress: true,
    });
    // Held on, as a guess holds the newest buttons; a held Dash starts nothing new.
    expect(slots.take()).toMatchObject({ seq: 5, buttons: Button.Right | Button.Dash });
    expect(slots.stats.latePressesCarried).toBe(1);
  });

  it('carries nothing for a repeated or backwards seq of a slot whose input ran', () => {
    const slots = new InputSlots(2);
    for (let seq = 1; seq <= 3; seq++) slots.receive(seq, Button.Right);
    for (let tick = 0; tick < 5; tick++) slots.take();
    for (const seq of [3, 2, 1, 0]) expect(slots.receive(seq, Button.Dash)).toBe('late');
    expect(slots.take()).toMatchObject({ buttons: Button.Right, guessed: true });
    expect(slots.stats.latePressesCarried).toBe(0);
  });

  it('remembers a bounded number of guessed slots', () => {
    const slots = new InputSlots(2);
    slots.receive(1, 0);
    for (let tick = 0; tick < 1000; tick++) slots.take();
    // Far older than any late input that still matters: ignored.
    expect(slots.receive(10, Button.Dash)).toBe('late');
    slots.take();
    expect(slots.stats.latePressesCarried).toBe(0);
    expect(slots.receive(990, Button.Dash)).toBe('late');
    expect(slots.take()!.buttons).toBe(Button.Dash);
  });

  it('carries nothing for a late input whose dash was already held', () => {
    const slots = new InputSlots(2);
    slots.receive(1, Button.Dash);
    for (let tick = 0; tick < 4; tick++) slots.take();
    slots.receive(2, Button.Dash);
    expect(slots.take()).toMatchObject({ buttons: Button.Dash, guessed: true });
    expect(slots.stats.latePressesCarried).toBe(0);
  });
});

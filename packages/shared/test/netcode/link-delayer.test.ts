/** The real-time link delayer, driven by a manual clock and timer: order, timing, closing. */
import { describe, expect, it } from 'vitest';
import { makeLinkProfile } from '../../src/netcode/link-profile.js';
import { LinkDelayer, type DelayerClock } from '../../src/netcode/link-simulator.js';

/** A clock whose timers fire only when the test moves time on. */
function manualClock() {
  let nowMs = 0;
  const timers = new Set<{ atMs: number; run: () => void }>();
  const clock: DelayerClock = {
    now: () => nowMs,
    schedule: (run, delayMs) => {
      const timer = { atMs: nowMs + delayMs, run };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  const advanceTo = (targetMs: number): void => {
    for (;;) {
      const due = [...timers].filter((t) => t.atMs <= targetMs).sort((a, b) => a.atMs - b.atMs)[0];
      if (!due) break;
      timers.delete(due);
      nowMs = due.atMs;
      due.run();
    }
    nowMs = targetMs;
  };
  return { clock, advanceTo, pendingTimers: () => timers.size };
}

describe('LinkDelayer', () => {
  it('delivers after the latency, not before, with one timer for everything in flight', () => {
    const { clock, advanceTo, pendingTimers } = manualClock();
    const delayer = new LinkDelayer(makeLinkProfile('fixed', 50), 1, clock);
    const delivered: string[] = [];
    delayer.delay(() => delivered.push('a'));
    advanceTo(10);
    delayer.delay(() => delivered.push('b'));
    expect(pendingTimers()).toBe(1);
    expect(delayer.waiting).toBe(2);
    advanceTo(49);
    expect(delivered).toEqual([]);
    advanceTo(50);
    expect(delivered).toEqual(['a']);
    advanceTo(60);
    expect(delivered).toEqual(['a', 'b']);
    expect(pendingTimers()).toBe(0);
  });

  it('keeps order under jitter, whatever each packet drew', () => {
    const { clock, advanceTo } = manualClock();
    const delayer = new LinkDelayer(makeLinkProfile('jittery', 30, 30), 7, clock);
    const delivered: number[] = [];
    for (let i = 0; i < 200; i++) {
      advanceTo(i);
      delayer.delay(() => delivered.push(i));
    }
    advanceTo(1000);
    expect(delivered).toEqual([...Array(200).keys()]);
  });

  it('lets a delivery delay another one on the same link', () => {
    const { clock, advanceTo } = manualClock();
    const delayer = new LinkDelayer(makeLinkProfile('fixed', 20), 1, clock);
    const delivered: string[] = [];
    delayer.delay(() => {
      delivered.push('first');
      delayer.delay(() => delivered.push('echo'));
    });
    advanceTo(20);
    expect(delivered).toEqual(['first']);
    advanceTo(40);
    expect(delivered).toEqual(['first', 'echo']);
  });

  it('drops what is in flight once closed, and stops its timer', () => {
    const { clock, advanceTo, pendingTimers } = manualClock();
    const delayer = new LinkDelayer(makeLinkProfile('fixed', 20), 1, clock);
    const delivered: string[] = [];
    delayer.delay(() => delivered.push('lost'));
    delayer.close();
    delayer.delay(() => delivered.push('after close'));
    expect(pendingTimers()).toBe(0);
    expect(delayer.waiting).toBe(0);
    advanceTo(100);
    expect(delivered).toEqual([]);
  });
});

/** The real-time link delayer, driven by a manual clock: order, timing, one timer, closing. */
import { describe, expect, it } from 'vitest';
import { makeLinkProfile } from '../../src/netcode/link-profile.js';
import { LinkDelayer } from '../../src/netcode/link-simulator.js';
import { ManualClock } from '../../src/netcode/timer-clock.js';

describe('LinkDelayer', () => {
  it('delivers after the latency, not before, with one timer for everything in flight', () => {
    const clock = new ManualClock();
    const delayer = new LinkDelayer(makeLinkProfile('fixed', 50), 1, clock);
    const delivered: string[] = [];
    delayer.delay(() => delivered.push('a'));
    clock.advanceBy(10);
    delayer.delay(() => delivered.push('b'));
    expect(clock.pending).toBe(1);
    expect(delayer.waiting).toBe(2);
    clock.advanceBy(39);
    expect(delivered).toEqual([]);
    clock.advanceBy(1);
    expect(delivered).toEqual(['a']);
    clock.advanceBy(10);
    expect(delivered).toEqual(['a', 'b']);
    expect(clock.pending).toBe(0);
  });

  it('keeps order under jitter, whatever each packet drew', () => {
    const clock = new ManualClock();
    const delayer = new LinkDelayer(makeLinkProfile('jittery', 30, 30), 7, clock);
    const delivered: number[] = [];
    for (let i = 0; i < 200; i++) {
      delayer.delay(() => delivered.push(i));
      clock.advanceBy(1);
    }
    clock.advanceBy(1000);
    expect(delivered).toEqual([...Array(200).keys()]);
  });

  it('lets a delivery delay another one on the same link', () => {
    const clock = new ManualClock();
    const delayer = new LinkDelayer(makeLinkProfile('fixed', 20), 1, clock);
    const delivered: string[] = [];
    delayer.delay(() => {
      delivered.push('first');
      delayer.delay(() => delivered.push('echo'));
    });
    clock.advanceBy(20);
    expect(delivered).toEqual(['first']);
    clock.advanceBy(20);
    expect(delivered).toEqual(['first', 'echo']);
  });

  it('drops what is in flight once closed, and stops its timer', () => {
    const clock = new ManualClock();
    const delayer = new LinkDelayer(makeLinkProfile('fixed', 20), 1, clock);
    const delivered: string[] = [];
    delayer.delay(() => delivered.push('lost'));
    delayer.close();
    delayer.delay(() => delivered.push('after close'));
    expect(clock.pending).toBe(0);
    expect(delayer.waiting).toBe(0);
    clock.advanceBy(100);
    expect(delivered).toEqual([]);
  });
});

describe('ManualClock', () => {
  it('runs due timers earliest first, each at its own time, and never a cancelled one', () => {
    const clock = new ManualClock(1000);
    const ran: [string, number][] = [];
    clock.schedule(() => ran.push(['late', clock.now()]), 30);
    clock.schedule(() => ran.push(['early', clock.now()]), 10);
    const cancel = clock.schedule(() => ran.push(['cancelled', clock.now()]), 20);
    clock.schedule(() => ran.push(['also early', clock.now()]), 10);
    cancel();
    clock.advanceBy(25);
    expect(ran).toEqual([
      ['early', 1010],
      ['also early', 1010],
    ]);
    expect(clock.now()).toBe(1025);
    clock.advanceBy(5);
    expect(ran.at(-1)).toEqual(['late', 1030]);
    expect(clock.pending).toBe(0);
  });
});

/** The fixed-timestep loop on a manual clock and timer: whole ticks, late timers, stalls, stop. */
import { ManualClock, type TimerClock } from '@arena/shared/netcode/server';
import { describe, expect, it } from 'vitest';
import { GameLoop } from '../src/rooms/game-loop.js';

function runLoop(tickRateHz: number, clock: TimerClock, maxCatchUpTicks = 5) {
  const ticks: number[] = [];
  const loop = new GameLoop({
    tickRateHz,
    clock,
    maxCatchUpTicks,
    onTick: (tickTimeMs) => ticks.push(tickTimeMs),
  });
  loop.start();
  return { ticks, loop };
}

describe('GameLoop', () => {
  it('runs one tick per interval, each stamped with the time it was due', () => {
    const clock = new ManualClock(5000);
    const { ticks } = runLoop(20, clock);
    clock.advanceBy(49);
    expect(ticks).toEqual([]);
    clock.advanceBy(1);
    expect(ticks).toEqual([5050]);
    clock.advanceBy(950);
    expect(ticks).toHaveLength(20);
    expect(ticks.at(-1)).toBe(6000);
  });

  it('keeps its rate and its tick times when every timer fires late', () => {
    const clock = new ManualClock();
    const lateTimers: TimerClock = {
      now: clock.now,
      schedule: (run, delayMs) => clock.schedule(run, delayMs + 30),
    };
    const { ticks } = runLoop(20, lateTimers);
    clock.advanceBy(1000);
    // The first wake-up comes at 80 ms; from then on one every 50 ms.
    expect(ticks).toHaveLength(19);
    expect(ticks.slice(0, 3)).toEqual([50, 100, 150]);
  });

  it('catches up at most maxCatchUpTicks after a stall and drops the rest', () => {
    const clock = new ManualClock();
    let frozenMs = 0;
    // Time that passes while the process is frozen: the clock moves, no timer fires.
    const stalling: TimerClock = { now: () => clock.now() + frozenMs, schedule: clock.schedule };
    const { ticks } = runLoop(10, stalling, 5);
    clock.advanceBy(100);
    expect(ticks).toHaveLength(1);
    frozenMs = 3000;
    clock.advanceBy(100);
    expect(ticks).toHaveLength(1 + 5);
    clock.advanceBy(100);
    expect(ticks).toHaveLength(1 + 5 + 1);
  });

  it('runs no tick after stop, and leaves no timer behind', () => {
    const clock = new ManualClock();
    const { ticks, loop } = runLoop(30, clock);
    clock.advanceBy(100);
    const before = ticks.length;
    loop.stop();
    clock.advanceBy(1000);
    expect(ticks).toHaveLength(before);
    expect(clock.pending).toBe(0);
  });

  it('stays stopped when a tick stops it', () => {
    const clock = new ManualClock();
    let ticks = 0;
    const loop: GameLoop = new GameLoop({
      tickRateHz: 30,
      clock,
      onTick: () => {
        ticks += 1;
        loop.stop();
      },
    });
    loop.start();
    clock.advanceBy(1000);
    expect(ticks).toBe(1);
    expect(clock.pending).toBe(0);
  });
});

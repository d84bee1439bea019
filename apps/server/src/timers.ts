/**
 * The real clock and timer the server runs on. Everything that waits (the game loop, seats
 * held for a dropped player, simulated links) takes them as arguments, so a test can pass a
 * manual clock instead. Timers are unref'd: the listening socket keeps the process alive, and
 * a pending timer alone never should.
 */
import type { TimerClock, Schedule } from '@arena/shared/netcode/server';

export const monotonicNow = (): number => performance.now();

export const realSchedule: Schedule = (run, delayMs) => {
  const timer = setTimeout(run, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
};

export const realClock: TimerClock = { now: monotonicNow, schedule: realSchedule };

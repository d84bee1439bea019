import { describe, expect, it } from 'vitest';
import { LateTickStreak } from '../../src/netcode/late-tick-streak.js';

describe('LateTickStreak', () => {
  it('counts ticks with late inputs, not the late inputs themselves', () => {
    const streak = new LateTickStreak();
    expect(streak.late()).toBe(1);
    expect(streak.late()).toBe(1); // a burst in the same tick
    streak.newTick();
    expect(streak.late()).toBe(2);
    streak.newTick();
    streak.newTick(); // a tick with no input at all does not break it
    expect(streak.late()).toBe(3);
  });

  it('is broken by an input in time, and keeps the tick counted', () => {
    const streak = new LateTickStreak();
    streak.late();
    streak.broken();
    expect(streak.late()).toBe(0); // this tick was counted before the break
    streak.newTick();
    expect(streak.late()).toBe(1);
  });

  it('starts over whole when cleared', () => {
    const streak = new LateTickStreak();
    streak.late();
    streak.clear();
    expect(streak.late()).toBe(1);
  });
});

import type { SnapshotPlayer } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { MotionEvents } from '../src/game/motion-events.js';

const WALK = 240;

function player(id: number, motion: Partial<SnapshotPlayer>): SnapshotPlayer {
  return {
    id,
    x: 100,
    y: 100,
    vx: 0,
    vy: 0,
    score: 0,
    dashTicks: 0,
    dashCooldownTicks: 0,
    lastButtons: 0,
    connected: true,
    ...motion,
  };
}

describe('motion events', () => {
  it('counts a dash by the cooldown it restarts, even when its frames were never drawn', () => {
    const events = new MotionEvents(WALK, 0, 45);
    events.observe([player(2, {})]);
    // The dash itself came and went between two snapshots; its cooldown is still running.
    events.observe([player(2, { vx: 300, dashCooldownTicks: 38 })]);
    events.observe([player(2, { vx: 250, dashCooldownTicks: 37 })]);
    expect(events.dashes.of(2)).toBe(1);
    events.observe([player(2, { dashTicks: 6, vx: 720, dashCooldownTicks: 45 })]);
    expect(events.dashes.of(2)).toBe(2);
  });

  it('counts a knock-back, but not the slowing down after a dash of ones own', () => {
    const events = new MotionEvents(WALK, 0, 45);
    events.observe([player(1, { vx: WALK }), player(2, { dashTicks: 2, vx: 720 })]);
    events.observe([player(1, { vx: -600 }), player(2, { vx: 528 })]);
    expect(events.knockbacks.of(1)).toBe(1);
    expect(events.knockbacks.of(2)).toBe(0);
  });

  it('counts our own dashes from the prediction, not from the late snapshots', () => {
    const events = new MotionEvents(WALK, 1, 45);
    events.observeSelf({ vx: 720, vy: 0, dashTicks: 6, dashCooldownTicks: 45 });
    expect(events.dashes.of(1)).toBe(1);
    events.observe([player(1, {})]);
    events.observe([player(1, { dashTicks: 6, vx: 720, dashCooldownTicks: 45 })]);
    events.observeSelf({ vx: 0, vy: 0, dashTicks: 0, dashCooldownTicks: 40 });
    // A correction: the server started that dash two ticks later than predicted.
    events.observeSelf({ vx: 0, vy: 0, dashTicks: 0, dashCooldownTicks: 42 });
    expect(events.dashes.of(1)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { InterpolationBuffer, SampleStatus } from '../../src/netcode/interpolation.js';
import { Button } from '../../src/protocol/buttons.js';

const TICK_MS = 1000 / 30;

function entity(id: number, x: number, vx = 0, lastButtons = 0) {
  return { id, x, y: 50, vx, vy: 0, dashTicks: 0, dashCooldownTicks: 0, lastButtons };
}

/** One entity walking right at full speed (240 px/s, 8 px a tick), one snapshot per tick. */
const walker = (tick: number) => [entity(7, 100 + 8 * tick, 240, Button.Right)];

function fill(buffer: InterpolationBuffer, fromTick: number, toTick: number, at = walker) {
  for (let t = fromTick; t <= toTick; t++) buffer.push(t, t * TICK_MS, at(t));
}

describe('InterpolationBuffer', () => {
  it('draws between the two snapshots around the render time', () => {
    const buffer = new InterpolationBuffer();
    fill(buffer, 0, 10);
    const at = buffer.sample(4.5 * TICK_MS).get(7)!;
    expect(at.x).toBeCloseTo(100 + 4.5 * 8, 9);
    expect(buffer.status).toBe(SampleStatus.Interpolating);
    expect(buffer.viewTick(4.5 * TICK_MS)).toBeCloseTo(4.5, 9);
    expect(buffer.aheadMs(4.5 * TICK_MS)).toBe(0);
    const depth = buffer.depth(4.5 * TICK_MS);
    expect(depth.snapshots).toBe(6);
    expect(depth.ms).toBeCloseTo(5.5 * TICK_MS, 9);
  });

  it('ignores a snapshot that is not newer than the newest', () => {
    const buffer = new InterpolationBuffer();
    fill(buffer, 0, 5);
    buffer.push(3, 3 * TICK_MS, [entity(7, 9999)]);
    expect(buffer.sample(3 * TICK_MS).get(7)!.x).toBeCloseTo(124, 9);
  });

  it('carries players on past the newest snapshot by the sim, for a bounded time, then holds', () => {
    const buffer = new InterpolationBuffer({ maxExtrapolateMs: 200 });
    fill(buffer, 0, 10);
    const newestX = 100 + 80;
    expect(buffer.sample(10 * TICK_MS + 100).get(7)!.x).toBeCloseTo(newestX + 24, 9);
    expect(buffer.status).toBe(SampleStatus.Extrapolating);
    expect(buffer.viewTick(10 * TICK_MS + 100)).toBe(10);
    expect(buffer.aheadMs(10 * TICK_MS + 100)).toBeCloseTo(100, 9);
    expect(buffer.stats).toMatchObject({ dryRuns: 1, underruns: 0 });
    expect(buffer.sample(10 * TICK_MS + 400).get(7)!.x).toBeCloseTo(newestX + 48, 9);
    expect(buffer.status).toBe(SampleStatus.Holding);
    expect(buffer.aheadMs(10 * TICK_MS + 400)).toBe(200);
    expect(buffer.stats).toMatchObject({ dryRuns: 1, underruns: 1 });
  });

  it('brakes a player who had let go, as the sim does, instead of sliding it on', () => {
    const buffer = new InterpolationBuffer();
    const letGo = (t: number) => [entity(7, 100 + 8 * t, 240, 0)];
    fill(buffer, 0, 10, letGo);
    const x = buffer.sample(10 * TICK_MS + 300).get(7)!.x;
    // Friction 8/s: it stops within about 22 px; a straight line would have gone 72 px.
    expect(x - 180).toBeGreaterThan(10);
    expect(x - 180).toBeLessThan(25);
  });

  it('glides back when the truth arrives, reports the error, and never jumps', () => {
    const blend = 60;
    const buffer = new InterpolationBuffer({ blendSpeedPxPerS: blend });
    fill(buffer, 0, 10);
    const frameMs = 1000 / 60;
    let t = 9 * TICK_MS;
    const drawn: number[] = [];
    const errors: number[] = [];
    const sample = () => {
      drawn.push(buffer.sample(t, frameMs).get(7)!.x);
      errors.push(...buffer.lastErrors.map((e) => e.errorPx));
    };
    // The walker really stopped dead at tick 10; we extrapolate past it until the stalled
    // snapshots arrive all at once, 100 ms of render time later.
    for (; t < 10 * TICK_MS + 100; t += frameMs) sample();
    for (let tick = 11; tick <= 80; tick++) buffer.push(tick, tick * TICK_MS, [entity(7, 180)]);
    for (; t < 10 * TICK_MS + 2000; t += frameMs) sample();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeCloseTo(24, 0);
    expect(buffer.stats.maxExtrapolationErrorPx).toBe(errors[0]);
    const jumps = drawn.slice(1).map((x, i) => Math.abs(x - drawn[i]!));
    // Walking speed (4 px per 60 Hz frame) while extrapolating; the way back at the blend speed.
    expect(Math.max(...jumps)).toBeLessThanOrEqual(4 + 1e-9);
    const back = jumps.slice(jumps.length - 90);
    expect(Math.max(...back)).toBeLessThanOrEqual((blend * frameMs) / 1000 + 1e-9);
    expect(buffer.lastGlideStepPx).toBe(0);
    expect(drawn.at(-1)).toBeCloseTo(180, 6);
  });

  it('does not carry a guess on at the render clock`s catch-up pace on the frame the truth arrives', () => {
    const blend = 60;
    const buffer = new InterpolationBuffer({ blendSpeedPxPerS: blend });
    fill(buffer, 0, 10);
    const frameMs = 1000 / 60;
    // Extrapolating: the render clock creeps on (a sixth of real time here).
    let t = 10 * TICK_MS + 50;
    const before = buffer.sample(t, frameMs).get(7)!.x;
    // The truth arrives (the walker stopped at tick 10) and the clock jumps a whole tick on.
    for (let tick = 11; tick <= 20; tick++) buffer.push(tick, tick * TICK_MS, [entity(7, 180)]);
    t += TICK_MS;
    const after = buffer.sample(t, frameMs).get(7)!.x;
    // Only the glide moves it, not 8 px more of the walk that never happened.
    expect(Math.abs(after - before)).toBeLessThanOrEqual((blend * frameMs) / 1000 + 1e-9);
    expect(buffer.lastErrors[0]!.errorPx).toBeCloseTo(12 + 8, 0);
  });

  it('adds players that appear and drops players that leave', () => {
    const buffer = new InterpolationBuffer();
    buffer.push(1, TICK_MS, [entity(1, 0)]);
    buffer.push(2, 2 * TICK_MS, [entity(1, 0), entity(2, 5)]);
    buffer.push(3, 3 * TICK_MS, [entity(2, 5)]);
    expect([...buffer.sample(1.5 * TICK_MS).keys()]).toEqual([1, 2]);
    expect([...buffer.sample(2.5 * TICK_MS).keys()]).toEqual([2]);
  });
});

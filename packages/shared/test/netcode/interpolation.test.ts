import { describe, expect, it } from 'vitest';
import { InterpolationBuffer, SampleStatus } from '../../src/netcode/interpolation.js';

const TICK_MS = 1000 / 30;

/** One entity walking right at `vx` px/s, one snapshot per tick. */
function walker(tick: number, vx = 240) {
  return [{ id: 7, x: 100 + (vx * tick) / 30, y: 50, vx, vy: 0 }];
}

function fill(buffer: InterpolationBuffer, fromTick: number, toTick: number, vx = 240) {
  for (let t = fromTick; t <= toTick; t++) buffer.push(t, t * TICK_MS, walker(t, vx));
}

describe('InterpolationBuffer', () => {
  it('draws between the two snapshots around the render time', () => {
    const buffer = new InterpolationBuffer();
    fill(buffer, 0, 10);
    const at = buffer.sample(4.5 * TICK_MS).get(7)!;
    expect(at.x).toBeCloseTo(100 + 4.5 * 8, 9);
    expect(buffer.status).toBe(SampleStatus.Interpolating);
    expect(buffer.viewTick(4.5 * TICK_MS)).toBeCloseTo(4.5, 9);
    const depth = buffer.depth(4.5 * TICK_MS);
    expect(depth.snapshots).toBe(6);
    expect(depth.ms).toBeCloseTo(5.5 * TICK_MS, 9);
  });

  it('ignores a snapshot that is not newer than the newest', () => {
    const buffer = new InterpolationBuffer();
    fill(buffer, 0, 5);
    buffer.push(3, 3 * TICK_MS, [{ id: 7, x: 9999, y: 0, vx: 0, vy: 0 }]);
    expect(buffer.sample(3 * TICK_MS).get(7)!.x).toBeCloseTo(124, 9);
  });

  it('extrapolates along the velocity for a bounded time, then holds', () => {
    const buffer = new InterpolationBuffer({ maxExtrapolateMs: 250 });
    fill(buffer, 0, 10);
    const newestX = 100 + 80;
    expect(buffer.sample(10 * TICK_MS + 100).get(7)!.x).toBeCloseTo(newestX + 24, 9);
    expect(buffer.status).toBe(SampleStatus.Extrapolating);
    expect(buffer.sample(10 * TICK_MS + 400).get(7)!.x).toBeCloseTo(newestX + 60, 9);
    expect(buffer.status).toBe(SampleStatus.Holding);
    expect(buffer.stats.underruns).toBe(1);
  });

  it('never extrapolates faster than the walking speed limit (a dash ends)', () => {
    const buffer = new InterpolationBuffer({ maxExtrapolateSpeedPxPerS: 240 });
    fill(buffer, 0, 10, 720);
    const newest = buffer.sample(10 * TICK_MS).get(7)!.x;
    expect(buffer.sample(10 * TICK_MS + 100).get(7)!.x - newest).toBeCloseTo(24, 9);
  });

  it('glides back when snapshots return instead of jumping, and counts one underrun', () => {
    const blend = 100;
    const buffer = new InterpolationBuffer({ blendSpeedPxPerS: blend });
    fill(buffer, 0, 10);
    const frameMs = 1000 / 60;
    let t = 9 * TICK_MS;
    const drawn: number[] = [];
    // The walker actually stopped at tick 10; we extrapolate 250 ms past it, then the
    // stalled snapshots arrive all at once.
    for (; t < 10 * TICK_MS + 300; t += frameMs) drawn.push(buffer.sample(t).get(7)!.x);
    const stopped = [{ id: 7, x: 180, y: 50, vx: 0, vy: 0 }];
    for (let tick = 11; tick <= 80; tick++) buffer.push(tick, tick * TICK_MS, stopped);
    for (; t < 10 * TICK_MS + 2000; t += frameMs) drawn.push(buffer.sample(t).get(7)!.x);
    const jumps = drawn.slice(1).map((x, i) => Math.abs(x - drawn[i]!));
    // Walking speed (4 px per 60 Hz frame) while extrapolating; the way back never faster
    // than the blend speed.
    expect(Math.max(...jumps)).toBeLessThanOrEqual(4 + 1e-9);
    const back = jumps.slice(jumps.length - 60);
    expect(Math.max(...back)).toBeLessThanOrEqual((blend * frameMs) / 1000 + 1e-9);
    expect(drawn.at(-1)).toBeCloseTo(180, 6);
    expect(buffer.stats.underruns).toBe(1);
  });

  it('adds players that appear and drops players that leave', () => {
    const buffer = new InterpolationBuffer();
    buffer.push(1, TICK_MS, [{ id: 1, x: 0, y: 0, vx: 0, vy: 0 }]);
    buffer.push(2, 2 * TICK_MS, [
      { id: 1, x: 0, y: 0, vx: 0, vy: 0 },
      { id: 2, x: 5, y: 5, vx: 0, vy: 0 },
    ]);
    buffer.push(3, 3 * TICK_MS, [{ id: 2, x: 5, y: 5, vx: 0, vy: 0 }]);
    expect([...buffer.sample(1.5 * TICK_MS).keys()]).toEqual([1, 2]);
    expect([...buffer.sample(2.5 * TICK_MS).keys()]).toEqual([2]);
  });
});

import { describe, expect, it } from 'vitest';
import { EventLoopWatch } from '../../src/netcode/event-loop-watch.js';

const FRAME_MS = 1000 / 60;

function steadyFrames(watch: EventLoopWatch, from: number, count: number, frameMs = FRAME_MS) {
  let now = from;
  for (let n = 0; n < count; n++) watch.onFrame((now = from + n * frameMs));
  return now;
}

describe('EventLoopWatch', () => {
  it('trusts messages handled between frames that come at their usual pace', () => {
    const watch = new EventLoopWatch();
    const last = steadyFrames(watch, 0, 60);
    expect(watch.heldLocally(last + 10)).toBe(false);
    expect(watch.frameCameLate).toBe(false);
  });

  it('distrusts messages handled during a hitch and until the next frame on time', () => {
    const watch = new EventLoopWatch();
    const last = steadyFrames(watch, 0, 60);
    // The loop was stuck for 300 ms: the messages queued meanwhile are handled now…
    expect(watch.heldLocally(last + 300)).toBe(true);
    // …or right after the late frame, which runs first.
    watch.onFrame(last + 300);
    expect(watch.frameCameLate).toBe(true);
    expect(watch.heldLocally(last + 305)).toBe(true);
    // With the next frame on time, arrival times mean something again.
    watch.onFrame(last + 300 + FRAME_MS);
    expect(watch.frameCameLate).toBe(false);
    expect(watch.heldLocally(last + 300 + FRAME_MS + 5)).toBe(false);
  });

  it('distrusts everything in a tab that draws a few frames a second: it is busy itself', () => {
    const watch = new EventLoopWatch();
    const last = steadyFrames(watch, 0, 30, 300);
    expect(watch.heldLocally(last + 20)).toBe(true);
  });

  it('distrusts messages before the first frame: the page is still starting up', () => {
    expect(new EventLoopWatch().heldLocally(1000)).toBe(true);
  });
});

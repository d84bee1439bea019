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
  });

  it('distrusts messages handled during a hitch and right after the late frame', () => {
    const watch = new EventLoopWatch();
    const last = steadyFrames(watch, 0, 60);
    // The loop was stuck for 300 ms: the messages queued meanwhile are handled now.
    expect(watch.heldLocally(last + 300)).toBe(true);
    watch.onFrame(last + 300);
    expect(watch.heldLocally(last + 305)).toBe(true);
    // A frame later the backlog is gone and arrival times mean something again.
    expect(watch.heldLocally(last + 300 + 2 * FRAME_MS)).toBe(false);
  });

  it('measures hitches against the tab’s own pace: a slow but steady tab is not hitching', () => {
    const watch = new EventLoopWatch();
    const last = steadyFrames(watch, 0, 30, 40);
    expect(watch.heldLocally(last + 60)).toBe(false);
    expect(watch.heldLocally(last + 130)).toBe(true);
  });

  it('knows nothing before the first frame', () => {
    expect(new EventLoopWatch().heldLocally(1000)).toBe(false);
  });
});

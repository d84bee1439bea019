/**
 * Tells a gap in the network from a gap in our own event loop. A tab that is busy (a long
 * frame, garbage collection, three tabs sharing two cores) handles every message that came in
 * meanwhile at once, late, and a snapshot stamped then looks as if the network had held it.
 * The adaptive delay would grow to cover the tab's own hitches, which no buffer needs to:
 * nothing is drawn while the tab is stuck either.
 *
 * Frames are the heartbeat. A frame runs its callback and then draws; messages that came in
 * meanwhile are handled after it. So a message handled long after the last frame began (or
 * right after a frame that itself came late) may have waited for our own loop, and its
 * arrival time says nothing about the network. A tab that is slow all the time (a few frames
 * a second) is slow for the same reason: its own work, not the network's.
 */

/** A frame gap, or a message this long after a frame began, means the loop was stuck. */
export const LOOP_HITCH_MS = 50;

export class EventLoopWatch {
  private lastFrameMs: number | undefined;
  private lastGapMs = 0;

  /** Call at the start of every frame. */
  onFrame(nowMs: number): void {
    if (this.lastFrameMs !== undefined) this.lastGapMs = nowMs - this.lastFrameMs;
    this.lastFrameMs = nowMs;
  }

  /**
   * Whether a message handled at `nowMs` may have waited for our own loop. Before the first
   * frame nothing is known, and a page that is still starting up is busy: so it may have.
   */
  heldLocally(nowMs: number): boolean {
    if (this.lastFrameMs === undefined) return true;
    const sinceFrame = nowMs - this.lastFrameMs;
    // Handled late in a frame, or just after a frame that came late: queued meanwhile.
    return sinceFrame > LOOP_HITCH_MS || this.lastGapMs > LOOP_HITCH_MS;
  }

  /** Whether the frame that just began came after a hitch of our own. */
  get frameCameLate(): boolean {
    return this.lastGapMs > LOOP_HITCH_MS;
  }
}

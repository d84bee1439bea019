/**
 * Tells a gap in the network from a gap in our own event loop. A tab that is busy (a long
 * frame, garbage collection, three tabs sharing two cores) handles every message that came in
 * meanwhile at once, late, and a snapshot stamped then looks as if the network had held it.
 * The adaptive delay would grow to cover the tab's own hitches, which no buffer needs to:
 * nothing is drawn during a hitch either.
 *
 * Frames are the heartbeat. While frames keep coming at their usual pace, a message is
 * handled within about a frame of its arrival. When the time since the last frame is well
 * beyond that pace, the loop was stuck (or the tab hidden), and so was any message handled
 * now or right after the late frame that ends the hitch: its arrival time says nothing about
 * the network.
 */

/** A frame gap at least this long is a hitch, however slow the usual frame pace is. */
const MIN_HITCH_MS = 50;
/** …and at least this many usual frame gaps. */
const HITCH_FRAMES = 3;
/** Frame gaps the usual pace is the median of. */
const PACE_WINDOW = 15;

export class EventLoopWatch {
  private lastFrameMs: number | undefined;
  private readonly gaps: number[] = [];
  /** Messages handled until this time were queued during the hitch that just ended. */
  private settlesAtMs = -Infinity;

  /** Call at the start of every frame. */
  onFrame(nowMs: number): void {
    if (this.lastFrameMs !== undefined) {
      const gap = nowMs - this.lastFrameMs;
      const pace = this.paceMs();
      if (gap > this.hitchMs()) this.settlesAtMs = nowMs + pace;
      this.gaps.push(gap);
      if (this.gaps.length > PACE_WINDOW) this.gaps.shift();
    }
    this.lastFrameMs = nowMs;
  }

  /** Whether a message handled at `nowMs` may have waited for our own loop. */
  heldLocally(nowMs: number): boolean {
    if (this.lastFrameMs === undefined) return false;
    return nowMs - this.lastFrameMs > this.hitchMs() || nowMs <= this.settlesAtMs;
  }

  /** The usual gap between frames: the median of the recent ones. */
  private paceMs(): number {
    if (this.gaps.length === 0) return 1000 / 60;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    return sorted[sorted.length >> 1]!;
  }

  private hitchMs(): number {
    return Math.max(MIN_HITCH_MS, HITCH_FRAMES * this.paceMs());
  }
}

/**
 * How late the event loop runs: a timer beats every BEAT_MS and notes how much later than
 * that it ran. Lateness past STALL_MIN_MS is a stall, and stalls add up to `stalledMs`, which
 * the rate limits read to forgive the burst an honest client's events arrive in once the
 * server wakes up from one (the client kept sending at its usual pace; the server was not
 * reading). A stall is noticed by whoever asks first after it, the limits or the beat, and
 * counted once.
 */
import { monotonicNow } from '../timers.js';
import { RecentWindow } from './recent-window.js';

export const BEAT_MS = 20;
/** Lateness past which the loop counts as stalled: longer than any honest tick or GC pause. */
export const STALL_MIN_MS = 50;

export class LoopMonitor {
  private lastBeatMs = monotonicNow();
  private stalledTotalMs = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Lateness of each beat over the recent window. */
  readonly lateness = new RecentWindow();

  start(): void {
    this.lastBeatMs = monotonicNow();
    this.timer ??= setInterval(() => this.beat(), BEAT_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Total time the loop has been stalled since it started, as of now. */
  stalledMs(nowMs = monotonicNow()): number {
    const lateMs = nowMs - this.lastBeatMs - BEAT_MS;
    if (lateMs > STALL_MIN_MS) this.noteLateness(nowMs, lateMs);
    return this.stalledTotalMs;
  }

  private beat(): void {
    const nowMs = monotonicNow();
    this.noteLateness(nowMs, Math.max(0, nowMs - this.lastBeatMs - BEAT_MS));
  }

  private noteLateness(nowMs: number, lateMs: number): void {
    this.lastBeatMs = nowMs;
    this.lateness.add(nowMs, lateMs);
    if (lateMs > STALL_MIN_MS) this.stalledTotalMs += lateMs;
  }
}

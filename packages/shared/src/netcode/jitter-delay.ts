/**
 * The render clock for other players: how far behind the snapshot stream to draw them. Each
 * snapshot's transit is `arrival − serverTime` (plus an unknown but constant clock offset,
 * which cancels out). The fastest transit in the window is the clean path; how much later
 * the others came is the jitter a buffer absorbs. The render clock runs `fastest transit +
 * delay` behind the server, where delay = the lateness of all but the latest few snapshots +
 * a margin, bounded below by two snapshot intervals.
 *
 * The next snapshot is not kept in hand: when the render clock passes the newest snapshot the
 * others are extrapolated (`InterpolationBuffer`), and for the first `runOnMs` (one snapshot
 * interval) the clock runs on at real speed, where dead reckoning from the buttons held is
 * all but exact. Past that it runs slower (`dryRate`), so a longer gap is bridged with less
 * guessing; it never runs further past the newest snapshot than extrapolation may go
 * (`maxAheadMs`). Once snapshots flow again it catches up by running a little faster
 * (`catchUpRate`), but never while it extrapolates: a dash drawn faster than real time when
 * it really ended early is a leap.
 *
 * The rest, stalls above all, is not buffered: a buffer deep enough to hold a whole stall
 * would draw everyone that much further in the past all the time.
 *
 * The clock never jumps and never goes backwards, so remote players never leap or reverse.
 */
import { EXTRAPOLATE_MAX_MS } from './extrapolation.js';
import { SortedWindow } from './sorted-window.js';

export interface JitterDelayOptions {
  snapshotIntervalMs: number;
  /** Lower bound; the default (two intervals) is what a clean link gets. */
  minDelayMs: number;
  maxDelayMs: number;
  /** How long arrivals are remembered. */
  windowMs: number;
  marginMs: number;
  /** Delay to start with, before the link has shown what it does. */
  startupDelayMs: number;
  /** Fraction of real time the render clock may slow down by while the delay grows. */
  growRate: number;
  /** Fraction of real time it may speed up by while it is behind where it wants to be. */
  catchUpRate: number;
  /** How far past the newest snapshot the render clock runs on at real speed. */
  runOnMs: number;
  /** Speed of the render clock, as a share of real time, once it is `runOnMs` past the newest. */
  dryRate: number;
  /** How far past the newest snapshot the render clock may go: the extrapolation bound. */
  maxAheadMs: number;
}

export const INTERP_MAX_DELAY_MS = 500;
/**
 * A snapshot that arrives this soon after the previous one waited behind it (a stream keeps
 * order, so everything behind a late packet comes in one burst): its lateness is the late
 * packet's, already counted once, and counting it again would make one stall look like many.
 */
const BURST_GAP_MS = 2;
/** Snapshots measured before their lateness is believed. */
const MIN_MEASURED = 10;
export const INTERP_STARTUP_DELAY_MS = 100;

export function defaultJitterDelayOptions(snapshotIntervalMs: number): JitterDelayOptions {
  return {
    snapshotIntervalMs,
    minDelayMs: 2 * snapshotIntervalMs,
    maxDelayMs: INTERP_MAX_DELAY_MS,
    windowMs: 20_000,
    marginMs: 10,
    startupDelayMs: INTERP_STARTUP_DELAY_MS,
    growRate: 0.25,
    catchUpRate: 0.3,
    runOnMs: snapshotIntervalMs,
    dryRate: 0.15,
    maxAheadMs: EXTRAPOLATE_MAX_MS,
  };
}

export class JitterDelay {
  readonly options: JitterDelayOptions;
  /** Transits of snapshots that say something about the network. */
  private readonly transits: SortedWindow;
  /** Transits of those that waited for our own loop: only ever too long, so still a bound. */
  private readonly heldTransits: SortedWindow;
  private fastestMs = 0;
  private target = 0;
  private newestServerTimeMs = -Infinity;
  /** The render clock (server timebase) at `lastNowMs`; undefined before the first snapshot. */
  private renderMs: number | undefined;
  private lastNowMs: number | undefined;
  private lastTransitMs: number | undefined;
  private lastArrivalMs = -Infinity;
  private jitter = 0;

  constructor(snapshotIntervalMs: number, options: Partial<JitterDelayOptions> = {}) {
    this.options = { ...defaultJitterDelayOptions(snapshotIntervalMs), ...options };
    this.transits = new SortedWindow(this.options.windowMs);
    this.heldTransits = new SortedWindow(this.options.windowMs);
  }

  /**
   * Call for every snapshot with its `serverTimeMs` and the local time it arrived.
   * `heldLocally`: it may have waited for our own event loop (`EventLoopWatch`), so its
   * lateness says nothing about the network; it only bounds the fastest transit.
   */
  onSnapshot(serverTimeMs: number, arrivalMs: number, heldLocally = false): void {
    this.newestServerTimeMs = Math.max(this.newestServerTimeMs, serverTimeMs);
    const queued = arrivalMs - this.lastArrivalMs < BURST_GAP_MS;
    this.lastArrivalMs = arrivalMs;
    const transitMs = arrivalMs - serverTimeMs;
    if (heldLocally) {
      this.heldTransits.add(arrivalMs, transitMs);
      if (this.transits.size === 0) this.transits.add(arrivalMs, transitMs);
      this.retarget();
      return;
    }
    if (queued && this.transits.size > 0) return;
    this.transits.add(arrivalMs, transitMs);
    // RFC 3550's interarrival jitter, for the HUD: smoothed change in transit.
    if (this.lastTransitMs !== undefined) {
      this.jitter += (Math.abs(transitMs - this.lastTransitMs) - this.jitter) / 16;
    }
    this.lastTransitMs = transitMs;
    this.retarget();
  }

  private retarget(): void {
    const { marginMs, minDelayMs, maxDelayMs } = this.options;
    const w = this.transits;
    // The upper end of ordinary jitter: median + interquartile range, the maximum of a uniform
    // spread, about the 91st percentile of a normal one. Stalls cannot move it as long as
    // fewer than a quarter of the snapshots are stalled, so they are left to extrapolation.
    // Until a few snapshots were measured, nothing is known of the jitter: start from none.
    const lateness =
      w.size < MIN_MEASURED ? 0 : w.quantile(0.5)! + w.quantile(0.75)! - w.quantile(0.25)! - w.min!;
    const wanted = lateness + marginMs;
    this.fastestMs = Math.min(w.min!, this.heldTransits.min ?? Infinity);
    this.target = Math.min(maxDelayMs, Math.max(minDelayMs, wanted));
  }

  /**
   * Server time (snapshot timebase) to draw other players at; call once per frame.
   * `frameCameLate`: this frame follows a hitch of our own (`EventLoopWatch`); the snapshots
   * queued meanwhile are about to be handled, so the clock neither creeps nor stops for it.
   */
  renderServerTimeMs(nowMs: number, frameCameLate = false): number {
    if (this.transits.size === 0) return -Infinity;
    const wantedMs = nowMs - this.fastestMs - this.target;
    if (this.renderMs === undefined || this.lastNowMs === undefined) {
      this.renderMs = nowMs - this.fastestMs - Math.max(this.target, this.options.startupDelayMs);
      this.lastNowMs = nowMs;
      return this.renderMs;
    }
    const elapsed = Math.max(0, nowMs - this.lastNowMs);
    this.lastNowMs = nowMs;
    this.renderMs = this.advance(this.renderMs, elapsed, wantedMs, frameCameLate);
    return this.renderMs;
  }

  /** The render clock moved on by `elapsed` of real time, steered towards `wantedMs`. */
  private advance(from: number, elapsed: number, wantedMs: number, ownGap: boolean): number {
    const { growRate, catchUpRate, runOnMs, dryRate, maxAheadMs } = this.options;
    const steered =
      from + elapsed > wantedMs
        ? Math.max(wantedMs, from + (1 - growRate) * elapsed)
        : Math.min(wantedMs, from + (1 + catchUpRate) * elapsed);
    const newest = this.newestServerTimeMs;
    // After a hitch of our own the snapshots that came meanwhile are queued, not missing.
    if (steered <= newest || ownGap) return steered;
    // Past the newest snapshot: at real speed at most, and only for `runOnMs`.
    const realTime = Math.max(newest, Math.min(steered, from + elapsed));
    const runOnEnd = newest + runOnMs;
    if (realTime <= runOnEnd) return Math.max(from, realTime);
    // Then it only creeps on, and stops where extrapolation ends.
    const crept =
      from >= runOnEnd ? from + dryRate * elapsed : runOnEnd + (realTime - runOnEnd) * dryRate;
    return Math.max(from, Math.min(crept, newest + maxAheadMs));
  }

  /** Buffering delay the render clock runs with now (beyond the fastest transit). */
  get delayMs(): number {
    if (this.renderMs === undefined || this.lastNowMs === undefined) return this.target;
    return this.lastNowMs - this.renderMs - this.fastestMs;
  }

  /** The delay the render clock is steering towards: what the measured lateness asks for. */
  get targetDelayMs(): number {
    return this.target;
  }

  /** Smoothed snapshot arrival jitter (RFC 3550), for the HUD. */
  get jitterMs(): number {
    return this.jitter;
  }
}

/**
 * How far behind the snapshot stream to draw other players. Each snapshot's transit is
 * `arrival − serverTime` (plus an unknown but constant clock offset, which cancels out). The
 * fastest transit in the window is the clean path; how much later the others came is the
 * jitter a buffer must absorb. The render clock then runs `fastest transit + delay` behind the
 * server, where delay = one snapshot interval (to have the next one in hand) + the worst
 * lateness seen lately + a margin, bounded. Stalls count as lateness, so a link that stalls
 * keeps a deeper buffer: that is what keeps underruns rare.
 *
 * The delay never jumps: the render clock is slowed (when the delay grows) or sped up (when
 * it shrinks) by a few percent, so remote players never leap or go backwards.
 */

export interface JitterDelayOptions {
  snapshotIntervalMs: number;
  /** Lower bound; the default (two intervals) is what a clean link gets. */
  minDelayMs: number;
  maxDelayMs: number;
  /** How long a stall is remembered. Long enough to span the gap between stalls. */
  windowMs: number;
  marginMs: number;
  /** Delay to start with, before the link has shown what it does: deep is safe, and it only
   * shrinks slowly from there. */
  startupDelayMs: number;
  /** How long the link is watched before its measured lateness alone sets the delay. */
  learnMs: number;
  /** Fraction of real time the render clock may slow down by while the delay grows. */
  growRate: number;
  /** Fraction of real time it may speed up by while the delay shrinks: slow, it is cosmetic. */
  shrinkRate: number;
}

export const INTERP_MAX_DELAY_MS = 500;
export const INTERP_STARTUP_DELAY_MS = 200;

export function defaultJitterDelayOptions(snapshotIntervalMs: number): JitterDelayOptions {
  return {
    snapshotIntervalMs,
    minDelayMs: 2 * snapshotIntervalMs,
    maxDelayMs: INTERP_MAX_DELAY_MS,
    windowMs: 20_000,
    marginMs: 25,
    startupDelayMs: INTERP_STARTUP_DELAY_MS,
    learnMs: 10_000,
    growRate: 0.25,
    shrinkRate: 0.02,
  };
}

interface Arrival {
  arrivalMs: number;
  transitMs: number;
}

export class JitterDelay {
  readonly options: JitterDelayOptions;
  private arrivals: Arrival[] = [];
  private head = 0;
  private fastestMs = 0;
  private target = 0;
  /** fastest transit + delay, as the render clock currently runs it. */
  private lagMs: number | undefined;
  private lastNowMs: number | undefined;
  private lastTransitMs: number | undefined;
  private jitter = 0;
  private roundTripMs = 0;
  private firstArrivalMs = Infinity;

  constructor(snapshotIntervalMs: number, options: Partial<JitterDelayOptions> = {}) {
    this.options = { ...defaultJitterDelayOptions(snapshotIntervalMs), ...options };
  }

  /** Call for every snapshot with its `serverTimeMs` and the local time it arrived. */
  onSnapshot(serverTimeMs: number, arrivalMs: number): void {
    const transitMs = arrivalMs - serverTimeMs;
    this.firstArrivalMs = Math.min(this.firstArrivalMs, arrivalMs);
    this.arrivals.push({ arrivalMs, transitMs });
    while (this.arrivals[this.head]!.arrivalMs < arrivalMs - this.options.windowMs) this.head += 1;
    if (this.head > 256) [this.arrivals, this.head] = [this.arrivals.slice(this.head), 0];
    // RFC 3550's interarrival jitter, for the HUD: smoothed change in transit.
    if (this.lastTransitMs !== undefined) {
      this.jitter += (Math.abs(transitMs - this.lastTransitMs) - this.jitter) / 16;
    }
    this.lastTransitMs = transitMs;
    this.retarget();
  }

  /** Round trip from clock sync, used while the buffer is still learning the link. */
  setRoundTripMs(roundTripMs: number | undefined): void {
    this.roundTripMs = roundTripMs ?? 0;
  }

  private learning(): boolean {
    const last = this.arrivals.at(-1);
    return !!last && last.arrivalMs - this.firstArrivalMs < this.options.learnMs;
  }

  private retarget(): void {
    let fastest = Infinity;
    let slowest = -Infinity;
    for (let i = this.head; i < this.arrivals.length; i++) {
      const t = this.arrivals[i]!.transitMs;
      if (t < fastest) fastest = t;
      if (t > slowest) slowest = t;
    }
    const { snapshotIntervalMs, marginMs, minDelayMs, maxDelayMs } = this.options;
    // Until the window has seen a while of the link, assume a loss may be coming: TCP resends
    // a lost packet after about one round trip, and the stream waits for it.
    const lateness = Math.max(slowest - fastest, this.learning() ? this.roundTripMs : 0);
    const wanted = snapshotIntervalMs + lateness + marginMs;
    this.fastestMs = fastest;
    this.target = Math.min(maxDelayMs, Math.max(minDelayMs, wanted));
    this.lagMs ??= fastest + Math.max(this.target, this.options.startupDelayMs);
  }

  /** Server time (snapshot timebase) to draw other players at; call once per frame. */
  renderServerTimeMs(nowMs: number): number {
    if (this.lagMs === undefined) return -Infinity;
    const elapsed = this.lastNowMs === undefined ? 0 : Math.max(0, nowMs - this.lastNowMs);
    this.lastNowMs = nowMs;
    const wanted = this.fastestMs + this.target;
    const { growRate, shrinkRate } = this.options;
    if (wanted > this.lagMs) this.lagMs = Math.min(wanted, this.lagMs + growRate * elapsed);
    else this.lagMs = Math.max(wanted, this.lagMs - shrinkRate * elapsed);
    return nowMs - this.lagMs;
  }

  /** Buffering delay the render clock runs with now (beyond the fastest transit). */
  get delayMs(): number {
    return this.lagMs === undefined ? this.target : this.lagMs - this.fastestMs;
  }

  /** Smoothed snapshot arrival jitter (RFC 3550), for the HUD. */
  get jitterMs(): number {
    return this.jitter;
  }
}

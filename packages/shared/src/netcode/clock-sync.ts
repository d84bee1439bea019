/**
 * Server clock from `time:ping`/`time:pong`. Each sample brackets the server's clock: the
 * server stamped its time somewhere between our send and our receive, so
 *   serverTime − clientReceive ≤ offset ≤ serverTime − clientSend.
 * Intersecting those brackets over a window keeps the fastest way out and the fastest way
 * back, each on its own, which is far tighter than any single sample; a late sample only
 * gives a wide bracket, so it cannot move the estimate. This is the idea behind NTP's clock
 * filter, without its drift estimate: the windows are short enough not to need one.
 *
 * Snapshots carry the server's clock too (`serverTimeMs`, stamped before sending), so each
 * one is a one-sided bracket (offset ≥ serverTime − arrival) at 30 per second for free: the
 * fastest way back is found sooner, and the estimate converges well within 2 s on `far`.
 */

import { SlidingMax } from './sliding-max.js';

export interface ClockSample {
  clientSendMs: number;
  serverTimeMs: number;
  clientReceiveMs: number;
}

export interface ClockSyncOptions {
  /**
   * How long a pong is kept (ms): older ones are forgotten, so the clocks' drift (tens of
   * ppm, about a millisecond a minute) never builds up in the bracket.
   */
  windowMs: number;
  /** At most this many pongs kept (a bound on memory): the whole burst, on two connections. */
  maxSamples: number;
  /** One-way (snapshot) samples kept: about 8 s at 30 Hz. */
  oneWayWindowSize: number;
  /** Pings sent at the fast rate right after connecting, to converge in about 2 s. */
  burstPings: number;
  burstIntervalMs: number;
  steadyIntervalMs: number;
  /** RTT shown to the player: median of this many newest samples. */
  rttSamples: number;
}

export const DEFAULT_CLOCK_SYNC_OPTIONS: ClockSyncOptions = {
  windowMs: 64_000,
  maxSamples: 256,
  oneWayWindowSize: 256,
  burstPings: 75,
  burstIntervalMs: 33,
  steadyIntervalMs: 1000,
  rttSamples: 7,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export class ClockSync {
  private readonly options: ClockSyncOptions;
  private samples: ClockSample[] = [];
  /** The pings' bracket, kept between pings: snapshots come 30 times as often. */
  private pingLow = -Infinity;
  private pingHigh = Infinity;
  /** serverTime − arrival of recent snapshots: each a lower bound on the offset. */
  private readonly oneWay: SlidingMax;
  private pingsSent = 0;
  private nextPingAtMs = -Infinity;
  private estimate: number | undefined;

  constructor(options: Partial<ClockSyncOptions> = {}) {
    this.options = { ...DEFAULT_CLOCK_SYNC_OPTIONS, ...options };
    this.oneWay = new SlidingMax(this.options.oneWayWindowSize);
  }

  /** True when a `time:ping` should go out now; call it every frame with the local clock. */
  shouldPing(nowMs: number): boolean {
    if (nowMs < this.nextPingAtMs) return false;
    const { burstPings, burstIntervalMs, steadyIntervalMs } = this.options;
    this.pingsSent += 1;
    this.nextPingAtMs = nowMs + (this.pingsSent < burstPings ? burstIntervalMs : steadyIntervalMs);
    return true;
  }

  /** From a `time:pong`: the echoed `clientTimeMs`, its `serverTimeMs`, and when it arrived. */
  addSample(sample: ClockSample): void {
    if (!(sample.clientReceiveMs >= sample.clientSendMs)) return;
    this.samples.push(sample);
    // By time, not by count: a snapshot mirror answers every ping too, and a window of 64
    // pongs then forgot the first half of the burst (the fastest trip among it) within 1 s.
    const oldestMs = sample.clientReceiveMs - this.options.windowMs;
    while (
      this.samples.length > this.options.maxSamples ||
      this.samples[0]!.clientReceiveMs < oldestMs
    )
      this.samples.shift();
    this.bracketPings();
    this.estimate = this.intersect();
  }

  /** From a snapshot: the server's stamp and when it arrived (local clock). */
  addServerTimestamp(serverTimeMs: number, clientReceiveMs: number): void {
    this.oneWay.push(serverTimeMs - clientReceiveMs);
    if (this.samples.length > 0) this.estimate = this.intersect();
  }

  private bracketPings(): void {
    this.pingLow = -Infinity;
    this.pingHigh = Infinity;
    for (const s of this.samples) {
      this.pingLow = Math.max(this.pingLow, s.serverTimeMs - s.clientReceiveMs);
      this.pingHigh = Math.min(this.pingHigh, s.serverTimeMs - s.clientSendMs);
    }
  }

  private intersect(): number {
    const low = Math.max(this.oneWay.max, this.pingLow);
    const high = this.pingHigh;
    if (low <= high) return (low + high) / 2;
    // No offset fits every sample: one of the clocks jumped. Start over from the newest.
    this.samples = this.samples.slice(-1);
    this.oneWay.clear();
    this.bracketPings();
    const s = this.samples[0]!;
    return s.serverTimeMs - (s.clientSendMs + s.clientReceiveMs) / 2;
  }

  /** True once a pong has given an estimate of the offset. */
  get synced(): boolean {
    return this.estimate !== undefined;
  }

  /** serverClock − clientClock (ms); 0 until the first pong. */
  get offsetMs(): number {
    return this.estimate ?? 0;
  }

  /** The server's clock at local time `clientNowMs`, by the current estimate. */
  serverNow(clientNowMs: number): number {
    return clientNowMs + this.offsetMs;
  }

  /** Round trip shown on the HUD: the median of the newest few, so one spike does not flash. */
  get rttMs(): number | undefined {
    if (this.samples.length === 0) return undefined;
    const newest = this.samples.slice(-this.options.rttSamples);
    return median(newest.map((s) => s.clientReceiveMs - s.clientSendMs));
  }

  get minRttMs(): number | undefined {
    if (this.samples.length === 0) return undefined;
    return Math.min(...this.samples.map((s) => s.clientReceiveMs - s.clientSendMs));
  }
}

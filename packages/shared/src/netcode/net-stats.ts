/**
 * Rolling counters for the Net HUD. The netcode modules keep their own totals; this turns
 * events into "per second over the last second" numbers and gathers everything the HUD shows
 * in one plain object, so the HUD is a pure view of `read(now, …)`.
 */
import { RollingWindow } from './rolling-window.js';

export interface NetHudStats {
  rttMs: number | undefined;
  jitterMs: number;
  /** Server ticks per second, as seen from snapshot tick numbers. */
  serverTickRateHz: number;
  snapshotsPerSecond: number;
  interpolationDelayMs: number;
  /** How far behind the server's clock others are drawn (transit + delay); undefined until
   * the clock is synced. */
  othersBehindServerMs: number | undefined;
  /** Snapshots buffered ahead of the render time. */
  bufferDepth: number;
  /** Times the buffer ran dry and others were extrapolated, since joining. */
  extrapolations: number;
  correctionsPerSecond: number;
  /** Mean size of the corrections in the window (px). */
  correctionPx: number;
  maxCorrectionPx: number;
  bytesInPerSecond: number;
  bytesOutPerSecond: number;
  underruns: number;
  transport: string;
}

/** What the other modules know at the moment the HUD is drawn. */
export interface NetLiveValues {
  rttMs: number | undefined;
  jitterMs: number;
  interpolationDelayMs: number;
  othersBehindServerMs: number | undefined;
  bufferDepth: number;
  extrapolations: number;
  underruns: number;
  transport: string;
}

export const NET_STATS_WINDOW_MS = 1000;

export class NetStats {
  private readonly snapshots: RollingWindow;
  private readonly ticks: RollingWindow;
  private readonly corrections: RollingWindow;
  private readonly bytesIn: RollingWindow;
  private readonly bytesOut: RollingWindow;
  private lastTick: number | undefined;

  constructor(readonly windowMs = NET_STATS_WINDOW_MS) {
    this.snapshots = new RollingWindow(windowMs);
    this.ticks = new RollingWindow(windowMs);
    this.corrections = new RollingWindow(windowMs);
    this.bytesIn = new RollingWindow(windowMs);
    this.bytesOut = new RollingWindow(windowMs);
  }

  recordSnapshot(nowMs: number, tick: number, bytes: number): void {
    this.snapshots.add(nowMs);
    this.bytesIn.add(nowMs, bytes);
    if (this.lastTick !== undefined && tick > this.lastTick)
      this.ticks.add(nowMs, tick - this.lastTick);
    this.lastTick = tick;
  }

  recordBytesIn(nowMs: number, bytes: number): void {
    this.bytesIn.add(nowMs, bytes);
  }

  recordBytesOut(nowMs: number, bytes: number): void {
    this.bytesOut.add(nowMs, bytes);
  }

  /** Only corrections that moved the prediction (distance > 0). */
  recordCorrection(nowMs: number, distancePx: number): void {
    if (distancePx > 0) this.corrections.add(nowMs, distancePx);
  }

  read(nowMs: number, live: NetLiveValues): NetHudStats {
    return {
      ...live,
      serverTickRateHz: this.ticks.ratePerSecond(nowMs),
      snapshotsPerSecond: this.snapshots.countPerSecond(nowMs),
      correctionsPerSecond: this.corrections.countPerSecond(nowMs),
      correctionPx: this.corrections.mean(nowMs),
      maxCorrectionPx: this.corrections.max(nowMs),
      bytesInPerSecond: this.bytesIn.ratePerSecond(nowMs),
      bytesOutPerSecond: this.bytesOut.ratePerSecond(nowMs),
    };
  }
}

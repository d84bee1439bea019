/**
 * Whether the process keeps up: how late its event loop runs and how many ticks its game loop
 * achieves, over the last five seconds. Overloaded (so `/readyz` answers 503 and a load
 * balancer steers new players elsewhere) when either is past its threshold:
 * - fewer than OVERLOAD_TICK_SHARE of the configured ticks ran: players feel that directly;
 * - the event loop ran late by more than OVERLOAD_MEAN_LAG_MS on average: the game loop may
 *   still catch its ticks up, but they then arrive in bursts, and everything else waits.
 */
import { monotonicNow } from '../timers.js';
import { LoopMonitor } from './loop-monitor.js';
import { RecentWindow } from './recent-window.js';

export const OVERLOAD_TICK_SHARE = 0.9;
export const OVERLOAD_MEAN_LAG_MS = 50;
/** Too short a history says nothing about the tick rate. */
const MIN_HISTORY_MS = 1000;

export interface LoadReport {
  /** Ticks run a second, over the last five seconds (or since start, if sooner). */
  tickRateHz: number;
  /** Mean and worst lateness of the event loop over the last five seconds, in ms. */
  meanLagMs: number;
  maxLagMs: number;
  overloaded: boolean;
}

export class LoadWatch {
  readonly loop = new LoopMonitor();
  private readonly ticks = new RecentWindow();
  /**
   * The tick rate is judged from the first tick on: the time a process spends starting (loading
   * its code, reaching Redis) before its game loop runs is not a shortfall of ticks, and a load
   * balancer that probes a fresh process must not be told it is overloaded.
   */
  private firstTickMs: number | undefined;

  constructor(private readonly tickRateHz: number) {}

  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  /** The game loop ran a tick. */
  tick(nowMs = monotonicNow()): void {
    this.firstTickMs ??= nowMs;
    this.ticks.add(nowMs, 1);
  }

  report(nowMs = monotonicNow()): LoadReport {
    const ticks = this.ticks.summary(nowMs);
    const historyMs =
      this.firstTickMs === undefined ? 0 : Math.min(ticks.spanMs, nowMs - this.firstTickMs);
    const tickRateHz = historyMs > 0 ? ticks.count / (historyMs / 1000) : 0;
    const lag = this.loop.lateness.summary(nowMs);
    const meanLagMs = lag.count > 0 ? lag.sum / lag.count : 0;
    const slowTicks =
      historyMs >= MIN_HISTORY_MS && tickRateHz < this.tickRateHz * OVERLOAD_TICK_SHARE;
    return {
      tickRateHz,
      meanLagMs,
      maxLagMs: lag.max,
      overloaded: slowTicks || meanLagMs > OVERLOAD_MEAN_LAG_MS,
    };
  }
}

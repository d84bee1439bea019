/**
 * How late a process's event loop runs, from `perf_hooks.monitorEventLoopDelay`: its timer
 * fires every `resolution` ms and records the whole interval, so the lag is what lies beyond
 * the resolution (an idle loop reads about 0 here, not 10 ms).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

const RESOLUTION_MS = 10;

export interface EventLoopLag {
  p99Ms: number;
  maxMs: number;
}

export class EventLoopLagMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({
    resolution: RESOLUTION_MS,
  });

  constructor() {
    this.histogram.enable();
  }

  /** The lag since the last `read` (or since the start), then starts over. */
  read(): EventLoopLag {
    const h = this.histogram;
    const beyond = (ns: number) => (h.count === 0 ? 0 : Math.max(0, ns / 1e6 - RESOLUTION_MS));
    const lag = { p99Ms: beyond(h.percentile(99)), maxMs: beyond(h.max) };
    h.reset();
    return lag;
  }

  stop(): void {
    this.histogram.disable();
  }
}

/**
 * What a piece of work leaves for the garbage collector, measured from outside: the heap's
 * growth over a window of calls in which no collection ran (a collection in the window would
 * hide what it freed), and the time collections took while the work ran. V8 reports every
 * collection as a `gc` performance entry; entries arrive after the fact (two turns of the event
 * loop: one to queue them, one to deliver them), so each window is checked after those.
 */
import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';

export class GcWatch {
  private readonly entries: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) =>
    this.entries.push(...list.getEntries()),
  );

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Collections that started between `fromMs` and `toMs` (performance.now()), once reported. */
  async within(fromMs: number, toMs: number): Promise<PerformanceEntry[]> {
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    return this.entries.filter((e) => e.startTime >= fromMs && e.startTime <= toMs);
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/**
 * Heap bytes one call of `work` allocates: the median over `windows` windows of `calls` calls
 * that ran with no collection (undefined if a collection hit every one).
 */
export async function bytesPerCall(
  gc: GcWatch,
  work: () => void,
  calls: number,
  windows: number,
): Promise<number | undefined> {
  const perCall: number[] = [];
  for (let w = 0; w < windows; w++) {
    // A collection just before the window leaves the young generation empty for it.
    await new Promise((resolve) => setImmediate(resolve));
    const from = performance.now();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < calls; i++) work();
    const after = process.memoryUsage().heapUsed;
    const to = performance.now();
    if ((await gc.within(from, to)).length === 0) perCall.push((after - before) / calls);
  }
  if (perCall.length === 0) return undefined;
  return perCall.sort((a, b) => a - b)[Math.floor(perCall.length / 2)];
}

/**
 * The systems side by side in one bench run, on one workload: each measured several times,
 * interleaved so a change in the machine's load falls on all of them alike, then the medians
 * and Arena's ratios to the floor.
 */
import { median } from '@arena/devkit';
import { measureRun, type RunOptions, type RunResult } from './measure-run.js';
import type { RunFigures } from './run-figures.js';
import { SystemName } from './systems.js';

export interface CompareOptions extends Omit<RunOptions, 'system'> {
  systems: SystemName[];
  repeats: number;
}

/** The figures that are ratios worth reading (lower is better for each). */
export const RATIO_FIGURES = [
  'serverCoresPerClient',
  'bytesOutPerClientPerS',
  'snapshotBytesPerClientPerS',
  'ackP50BeyondBufferMs',
  'ackP99BeyondBufferMs',
  'tickP99Ms',
  'serverRssMb',
] as const satisfies readonly (keyof RunFigures)[];
export type RatioFigure = (typeof RATIO_FIGURES)[number];

export interface Comparison {
  runs: RunResult[];
  medians: Partial<Record<SystemName, RunFigures>>;
  /** Arena's median over the floor's, figure by figure (null where either is missing). */
  ratios: Record<RatioFigure, number | null> | null;
}

/**
 * Who runs when: `systems` in order, then reversed, and so on (floor, arena, arena, floor, …).
 * Alternating who goes first cancels a steady drift in the machine's load over two repeats.
 */
export function runOrder(systems: readonly SystemName[], repeats: number): SystemName[] {
  const order: SystemName[] = [];
  for (let r = 0; r < repeats; r++) order.push(...(r % 2 === 0 ? systems : [...systems].reverse()));
  return order;
}

/** Figure by figure, the median of the runs (null only where every run had none). */
export function medianFigures(runs: readonly RunFigures[]): RunFigures {
  const first = runs[0];
  if (!first) throw new Error('no runs to take the median of');
  const out: Record<string, number | null> = {};
  for (const key of Object.keys(first) as (keyof RunFigures)[]) {
    const values = runs.map((r) => r[key]).filter((v): v is number => v !== null);
    out[key] = values.length === 0 ? null : median(values);
  }
  return out as unknown as RunFigures;
}

export function ratios(arena: RunFigures, floor: RunFigures): Record<RatioFigure, number | null> {
  const out = {} as Record<RatioFigure, number | null>;
  for (const key of RATIO_FIGURES) {
    const a = arena[key];
    const f = floor[key];
    out[key] = a === null || f === null || f <= 0 ? null : a / f;
  }
  return out;
}

export function summarize(runs: RunResult[]): Comparison {
  const medians: Partial<Record<SystemName, RunFigures>> = {};
  for (const system of Object.values(SystemName)) {
    const mine = runs.filter((r) => r.system === system).map((r) => r.figures);
    if (mine.length > 0) medians[system] = medianFigures(mine);
  }
  const { arena, floor } = medians;
  return { runs, medians, ratios: arena && floor ? ratios(arena, floor) : null };
}

export async function compare(options: CompareOptions): Promise<Comparison> {
  const runs: RunResult[] = [];
  const order = runOrder(options.systems, options.repeats);
  for (const [i, system] of order.entries()) {
    options.log(`bench: run ${i + 1}/${order.length}: ${system}, ${options.clients} clients`);
    runs.push(await measureRun({ ...options, system, seed: options.seed + i }));
  }
  return summarize(runs);
}

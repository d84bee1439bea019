/**
 * `--find-max`: for each system, the client count is stepped up (× 1.25 by default, whole
 * rooms) until a run no longer holds (targets.ts): every client at 28 snapshots/s or more,
 * input→ack p99 under 100 ms beyond the input buffer, everyone seated. A failure is run again
 * once before it counts, so one bad moment on a shared machine does not end the search. The
 * systems take turns at each step, as in a comparison.
 */
import { measureRun, type RunOptions, type RunResult } from './measure-run.js';
import { WarningKind } from './saturation.js';
import type { SystemName } from './systems.js';
import { holdFailures } from './targets.js';

export interface StepRule {
  factor: number;
  playersPerRoom: number;
  maxClients: number;
  confirmFailures: boolean;
}

export interface Search {
  /** The largest count that held so far. */
  held: number | null;
  /** The count that did not hold, and why; null while searching or when the max held. */
  failed: { clients: number; reasons: string[]; loadGeneratorSaturated: boolean } | null;
  /** The next count to run; null once done. */
  next: number | null;
  /** A count that failed once and is being run again. */
  retrying: number | null;
}

/** The next count: × factor, rounded up to whole rooms, and at least one room more. */
export function nextClientCount(clients: number, rule: StepRule): number {
  const room = rule.playersPerRoom;
  return Math.max(clients + room, Math.ceil((clients * rule.factor) / room) * room);
}

export function startSearch(startClients: number): Search {
  return { held: null, failed: null, next: startClients, retrying: null };
}

export function advance(
  search: Search,
  outcome: { clients: number; reasons: string[]; loadGeneratorSaturated: boolean },
  rule: StepRule,
): Search {
  const { clients, reasons } = outcome;
  if (reasons.length === 0) {
    const next = nextClientCount(clients, rule);
    return {
      held: clients,
      failed: null,
      next: next > rule.maxClients ? null : next,
      retrying: null,
    };
  }
  if (rule.confirmFailures && search.retrying !== clients) {
    return { ...search, next: clients, retrying: clients };
  }
  return { ...search, failed: outcome, next: null, retrying: null };
}

export interface FindMaxResult {
  system: SystemName;
  held: number | null;
  failed: Search['failed'];
  runs: RunResult[];
}

export async function findMax(
  options: Omit<RunOptions, 'system' | 'clients'> & {
    systems: SystemName[];
    startClients: number;
    rule: StepRule;
  },
): Promise<FindMaxResult[]> {
  const searches = new Map(options.systems.map((s) => [s, startSearch(options.startClients)]));
  const runs = new Map<SystemName, RunResult[]>(options.systems.map((s) => [s, []]));
  let step = 0;
  while ([...searches.values()].some((s) => s.next !== null)) {
    for (const [system, search] of searches) {
      if (search.next === null) continue;
      const clients = search.next;
      options.log(`find-max: ${system} at ${clients} clients`);
      const run = await measureRun({ ...options, system, clients, seed: options.seed + step++ });
      runs.get(system)!.push(run);
      const reasons = holdFailures(run.figures, clients);
      const loadGeneratorSaturated = run.warnings.some((w) => w.kind === WarningKind.LoadGenerator);
      options.log(
        `find-max: ${system} at ${clients}: ${reasons.length === 0 ? 'holds' : reasons.join('; ')}`,
      );
      searches.set(
        system,
        advance(search, { clients, reasons, loadGeneratorSaturated }, options.rule),
      );
    }
  }
  return options.systems.map((system) => ({
    system,
    held: searches.get(system)!.held,
    failed: searches.get(system)!.failed,
    runs: runs.get(system)!,
  }));
}

/**
 * `npm run bench`: the raw-`ws` floor and Arena side by side on one workload, interleaved and
 * repeated; prints a table (medians, Arena / floor ratios), the saturation warnings, Arena's
 * targets, then JSON (also to --json FILE). `--find-max` steps the client count up instead.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import {
  integerOption,
  numberOption,
  outputFileOption,
  readOptions,
  runCommand,
  UsageError,
} from '@arena/devkit';
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
import { ROOM_PLAYERS_MAX } from '@arena/shared/protocol';
import { compare, runOrder } from './compare.js';
import { findMax } from './find-max.js';
import { profileText } from './cpu-profiles.js';
import type { RunResult } from './measure-run.js';
import { comparisonTable, findMaxText, targetsText, warningsText } from './report.js';
import { SystemName } from './systems.js';
import { arenaTargets } from './targets.js';

const USAGE = `usage: npm run bench -- [--clients 200] [--seconds 15] [--warmup 20] [--repeats 2]
                     [--per-room 10] [--bot-processes 2] [--systems floor,arena] [--seed 1]
                     [--json out.json] [--profile DIR]
       npm run bench -- --find-max [--start 100] [--factor 1.25] [--max-clients 2000]
                     [--single-try] (and the options above but --clients, --repeats)`;

function systemsOption(raw: string | undefined): SystemName[] {
  const names = (raw ?? 'floor,arena').split(',').map((s) => s.trim());
  const known = Object.values(SystemName) as string[];
  const bad = names.find((n) => !known.includes(n));
  if (bad !== undefined || names.length === 0) {
    throw new UsageError(`--systems takes ${known.join(', ')} (comma-separated), got "${raw}"`);
  }
  return names as SystemName[];
}

function readBenchOptions() {
  const args = readOptions({
    clients: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    repeats: { type: 'string' },
    'per-room': { type: 'string' },
    'bot-processes': { type: 'string' },
    systems: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'string' },
    'find-max': { type: 'boolean' },
    start: { type: 'string' },
    factor: { type: 'string' },
    'max-clients': { type: 'string' },
    'single-try': { type: 'boolean' },
    profile: { type: 'string' },
  });
  const factor = numberOption('factor', args.factor, 1.25, 'positive');
  if (factor <= 1) throw new UsageError(`--factor must be above 1, got ${factor}`);
  return {
    clients: numberOption('clients', args.clients, 200, 'count'),
    seconds: numberOption('seconds', args.seconds, 15, 'positive'),
    // Long enough for V8 to settle (about 5 s) and for Arena's input buffers to follow their
    // links: most weigh 10 s of inputs before they shrink (BufferDepth; 3 s for a link that
    // keeps its beat), so a window opened sooner counts players' first seconds at the room's
    // buffer (docs/PERFORMANCE.md).
    warmupSeconds: numberOption('warmup', args.warmup, 20),
    repeats: numberOption('repeats', args.repeats, 2, 'count'),
    playersPerRoom: integerOption('per-room', args['per-room'], 10, 1, ROOM_PLAYERS_MAX),
    botProcesses: numberOption('bot-processes', args['bot-processes'], 2, 'count'),
    systems: systemsOption(args.systems),
    seed: numberOption('seed', args.seed, 1),
    json: outputFileOption('json', args.json),
    findMax: args['find-max'] === true,
    startClients: numberOption('start', args.start, 100, 'count'),
    factor,
    maxClients: numberOption('max-clients', args['max-clients'], 2000, 'count'),
    confirmFailures: args['single-try'] !== true,
    profileDir: args.profile,
  };
}

type BenchOptions = ReturnType<typeof readBenchOptions>;

function workloadLine(o: BenchOptions, clients: string): string {
  const hz = DEFAULT_SIM_CONFIG.tickRateHz;
  return (
    `${clients} clients in rooms of ${o.playersPerRoom}, inputs and snapshots at ${hz} Hz, ` +
    `${o.seconds} s windows after ${o.warmupSeconds} s of warm-up; bots in ${o.botProcesses} ` +
    `processes of their own; machine: ${cpus().length} cores, load average ` +
    `${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the start`
  );
}

function printProfiles(runs: readonly RunResult[]): void {
  const profiled = runs.filter((r) => r.profile);
  if (profiled.length === 0) return;
  console.log('\nCPU profiles: self time in the measuring window, busiest functions first:');
  for (const run of profiled) {
    console.log(`${run.system}, ${run.clientsAsked} clients (${run.profile!.dir}):`);
    console.log(profileText(run.profile!.processes));
  }
}

async function runComparison(o: BenchOptions, log: (line: string) => void) {
  const comparison = await compare({ ...o, log });
  const order = runOrder(o.systems, o.repeats).join(', ');
  console.log(`\nArena benchmark: ${workloadLine(o, String(o.clients))}`);
  console.log(`Runs: ${order}; medians of ${o.repeats} run(s) each.\n`);
  console.log(comparisonTable(comparison, o.systems));
  console.log(
    `\nSaturation warnings (read these before the figures):\n${warningsText(comparison)}`,
  );
  const targets = targetsText(comparison);
  if (targets) console.log(`\nArena against its targets (medians above):\n${targets}`);
  printProfiles(comparison.runs);
  const { arena, floor } = comparison.medians;
  return { ...comparison, targets: arena ? arenaTargets(arena, floor) : [] };
}

async function runFindMax(o: BenchOptions, log: (line: string) => void) {
  const rule = {
    factor: o.factor,
    playersPerRoom: o.playersPerRoom,
    maxClients: o.maxClients,
    confirmFailures: o.confirmFailures,
  };
  const results = await findMax({ ...o, rule, log });
  console.log(`\nArena benchmark, --find-max: ${workloadLine(o, 'stepped')}\n`);
  console.log(findMaxText(results, o));
  const runs = results.flatMap((r) => r.runs);
  console.log(`\nSaturation warnings (read these before the figures):\n${warningsText({ runs })}`);
  printProfiles(runs);
  return { findMax: results };
}

async function main(): Promise<void> {
  const o = readBenchOptions();
  const log = (line: string) => console.log(line);
  const startedAt = { loadAverage: loadavg(), cores: cpus().length, node: process.version };
  const result = o.findMax ? await runFindMax(o, log) : await runComparison(o, log);
  const json = JSON.stringify({ options: o, machine: startedAt, ...result }, null, 2);
  console.log(`\n${json}`);
  if (o.json) writeFileSync(o.json, json + '\n');
  process.exit(0);
}

runCommand('bench', USAGE, main);

/**
 * One run: a system started fresh, its clients seated by the bot processes, a warm-up, then a
 * measuring window read from both ends (the server's process and counters, the bots, the
 * machine), then everything stopped.
 */
import { join } from 'node:path';
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
import {
  cpuProfileArgs,
  nowUs,
  summarizeRunProfiles,
  type ProcessProfile,
  type WindowUs,
} from './cpu-profiles.js';
import { startFleet, type Fleet } from './fleet/bot-fleet.js';
import { sampleMachine, sampleProcess } from './process-probe.js';
import { runFigures, type RunFigures } from './run-figures.js';
import { saturationWarnings, type SaturationWarning } from './saturation.js';
import { startSystem, type RunningSystem, type SystemName } from './systems.js';

export interface RunOptions {
  system: SystemName;
  clients: number;
  playersPerRoom: number;
  warmupSeconds: number;
  seconds: number;
  botProcesses: number;
  seed: number;
  log: (line: string) => void;
  /** Write CPU profiles of the server and the bots under this directory, one folder a run. */
  profileDir?: string;
}

export interface RunResult {
  system: SystemName;
  clientsAsked: number;
  figures: RunFigures;
  warnings: SaturationWarning[];
  joinFailures: string[];
  /** Bot connections the server closed during the window, by reason. */
  drops: Record<string, number>;
  /** With `profileDir`: where this run's profiles are, and each process's busiest functions. */
  profile?: { dir: string; processes: ProcessProfile[] };
}

/** Bots start this far apart in each process: a crowd, not a burst. */
const STAGGER_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let runsProfiled = 0;

/** This run's profile folder and the Node options that fill it, or nothing to profile. */
function profilePlan(options: RunOptions) {
  if (options.profileDir === undefined) return undefined;
  runsProfiled += 1;
  const name = `${String(runsProfiled).padStart(2, '0')}-${options.system}-${options.clients}`;
  const dir = join(options.profileDir, name);
  return {
    dir,
    server: cpuProfileArgs(dir, 'server'),
    bots: (index: number) => cpuProfileArgs(dir, `bots-${index + 1}`),
  };
}

function mergeCounts(tables: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of tables)
    for (const [k, n] of Object.entries(table)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/** The window: the server, the machine and the bots read at both ends of it. */
async function measureWindow(system: RunningSystem, fleet: Fleet, seconds: number) {
  // Counters first, /proc last at the start, the other way round at the end: the /metrics
  // scrapes fall outside the window and are not counted as bytes sent to clients.
  const countersBefore = await system.counters();
  const serverBefore = sampleProcess(system.pid);
  const machineBefore = sampleMachine();
  const window: WindowUs = { fromUs: nowUs(), toUs: 0 };
  fleet.openWindow();
  await sleep(seconds * 1000);
  const bots = await fleet.closeWindow();
  window.toUs = nowUs();
  const serverAfter = sampleProcess(system.pid);
  const machineAfter = sampleMachine();
  const countersAfter = await system.counters();
  return {
    system: system.name,
    inputBufferMs: system.inputBufferMs,
    server: { before: serverBefore, after: serverAfter },
    counters: { before: countersBefore, after: countersAfter },
    machine: { before: machineBefore, after: machineAfter },
    bots,
    window,
  };
}

type ProfilePlan = ReturnType<typeof profilePlan>;

async function runOnce(options: RunOptions, profile: ProfilePlan) {
  const { system: name, clients, log } = options;
  const system = await startSystem(name, { ...options, nodeArgs: profile?.server });
  const fleet = startFleet({
    system: name,
    url: system.url,
    clients,
    processes: options.botProcesses,
    seed: options.seed,
    staggerMs: STAGGER_MS,
    nodeArgsFor: profile?.bots,
  });
  try {
    const { seated, failures } = await fleet.ready;
    log(`  ${name}: ${seated}/${clients} seated; warming up ${options.warmupSeconds} s`);
    await sleep(options.warmupSeconds * 1000);
    const measured = await measureWindow(system, fleet, options.seconds);
    const figures = runFigures(measured);
    const result: RunResult = {
      system: name,
      clientsAsked: clients,
      figures,
      warnings: saturationWarnings(figures, clients, DEFAULT_SIM_CONFIG.tickRateHz),
      joinFailures: failures,
      drops: mergeCounts(measured.bots.map((w) => w.drops)),
    };
    return { result, window: measured.window };
  } catch (error) {
    throw new Error(`${name} run failed: ${String(error)}\nserver output:\n${system.output()}`, {
      cause: error,
    });
  } finally {
    // Both exit cleanly, so each writes its profile before this returns.
    await fleet.stop();
    await system.stop();
  }
}

/** A run, and with `profileDir` its profiles, read once every process has written its own. */
export async function measureRun(options: RunOptions): Promise<RunResult> {
  const plan = profilePlan(options);
  const { result, window } = await runOnce(options, plan);
  if (!plan) return result;
  return {
    ...result,
    profile: { dir: plan.dir, processes: summarizeRunProfiles(plan.dir, window) },
  };
}

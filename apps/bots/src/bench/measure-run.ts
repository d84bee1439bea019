/**
 * One run: a system started fresh, its clients seated by the bot processes, a warm-up, then a
 * measuring window read from both ends (the server's process and counters, the bots, the
 * machine), then everything stopped.
 */
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
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
}

export interface RunResult {
  system: SystemName;
  clientsAsked: number;
  figures: RunFigures;
  warnings: SaturationWarning[];
  joinFailures: string[];
  /** Bot connections the server closed during the window, by reason. */
  drops: Record<string, number>;
}

/** Bots start this far apart in each process: a crowd, not a burst. */
const STAGGER_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  fleet.openWindow();
  await sleep(seconds * 1000);
  const bots = await fleet.closeWindow();
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
  };
}

export async function measureRun(options: RunOptions): Promise<RunResult> {
  const { system: name, clients, log } = options;
  const system = await startSystem(name, options);
  const fleet = startFleet({
    system: name,
    url: system.url,
    clients,
    processes: options.botProcesses,
    seed: options.seed,
    staggerMs: STAGGER_MS,
  });
  try {
    const { seated, failures } = await fleet.ready;
    log(`  ${name}: ${seated}/${clients} seated; warming up ${options.warmupSeconds} s`);
    await sleep(options.warmupSeconds * 1000);
    const measured = await measureWindow(system, fleet, options.seconds);
    const figures = runFigures(measured);
    return {
      system: name,
      clientsAsked: clients,
      figures,
      warnings: saturationWarnings(figures, clients, DEFAULT_SIM_CONFIG.tickRateHz),
      joinFailures: failures,
      drops: mergeCounts(measured.bots.map((w) => w.drops)),
    };
  } catch (error) {
    throw new Error(`${name} run failed: ${String(error)}\nserver output:\n${system.output()}`, {
      cause: error,
    });
  } finally {
    await fleet.stop();
    await system.stop();
  }
}

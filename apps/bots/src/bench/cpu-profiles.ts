/**
 * `--profile DIR`: V8 CPU profiles of the server and the bot processes, cut to the measuring
 * window. Each process runs with `--cpu-prof` and writes its profile when it exits; the
 * samples carry CLOCK_MONOTONIC microseconds, the same clock as this process's
 * `process.hrtime`, so the bench keeps the samples between the window's two ends and leaves
 * seating, warm-up and shutdown out. What remains is summed by function (self time), the way
 * a profiler's "bottom up" view shows it.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface WindowUs {
  fromUs: number;
  toUs: number;
}

export interface ProfileRow {
  /** `name file:line`, or V8's own entries: `(garbage collector)`, `(program)`, `(idle)`. */
  fn: string;
  /** Share of the process's busy time in the window (idle left out). */
  percent: number;
  ms: number;
}

export interface ProcessProfile {
  /** Which process: `server`, `bots-1`, … */
  process: string;
  file: string;
  /**
   * Time sampled busy (not idle) in the window. A sample's interval runs on while the process
   * waits for a core, so on a loaded machine this exceeds its CPU time: read the shares.
   */
  busyMs: number;
  top: ProfileRow[];
}

/**
 * The Node options that make a process write its profiles into `dir/name/`: one per thread
 * (tsx's loader has a thread of its own), named by Node with the thread's id.
 */
export function cpuProfileArgs(dir: string, name: string): string[] {
  const own = join(dir, name);
  mkdirSync(own, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${own}`];
}

/** Node names a profile `CPU.date.time.pid.thread.seq.cpuprofile`; thread 0 runs the code. */
function mainThreadProfile(dir: string): string | undefined {
  const file = readdirSync(dir).find((f) => f.split('.').at(-3) === '0');
  return file === undefined ? undefined : join(dir, file);
}

export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** `name file`: no line, since tsx compiles each source file to one line of its own. */
function frameName(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '');
  const short = file.includes('/src/') ? file.slice(file.lastIndexOf('/src/') + 1) : file;
  return `${functionName || '(anonymous)'} ${short}`;
}

/** Self time per function within `window`, busiest first. */
export function summarizeProfile(
  processName: string,
  file: string,
  window: WindowUs,
  top: number,
): ProcessProfile {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const names = new Map(profile.nodes.map((n) => [n.id, frameName(n)]));
  const selfUs = new Map<string, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < window.fromUs || at > window.toUs) continue;
    const name = names.get(profile.samples[i]!) ?? '(unknown)';
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
  }
  selfUs.delete('(idle)');
  const busyUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const rows = [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, us]) => ({ fn, ms: us / 1000, percent: busyUs > 0 ? (100 * us) / busyUs : 0 }));
  return { process: processName, file, busyMs: busyUs / 1000, top: rows };
}

/** Every profile a run wrote into `dir`, summarized over its window. */
export function summarizeRunProfiles(dir: string, window: WindowUs, top = 12): ProcessProfile[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = mainThreadProfile(join(dir, name));
      return file === undefined ? [] : [summarizeProfile(name, file, window, top)];
    });
}

export function profileText(profiles: readonly ProcessProfile[]): string {
  return profiles
    .map((p) => {
      const head = `  ${p.process}: ${p.busyMs.toFixed(0)} ms sampled busy in the window`;
      const rows = p.top.map((r) => `    ${r.percent.toFixed(1).padStart(5)} %  ${r.fn}`);
      return [head, ...rows].join('\n');
    })
    .join('\n');
}

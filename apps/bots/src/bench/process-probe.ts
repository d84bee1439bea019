/**
 * What the kernel says about a process and the machine (Linux /proc), read the same way for
 * every system the bench measures, whatever its framework reports about itself: CPU time,
 * resident memory, bytes written and read through system calls (sockets included), and how
 * busy every core of the machine was.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** /proc reports CPU times in USER_HZ, which Linux fixes at 100 for user space. */
const USER_HZ = 100;

export interface ProcessSample {
  atMs: number;
  cpuSeconds: number;
  rssBytes: number;
  /** `wchar`: bytes handed to write-like system calls; for a server, what it sends. */
  writtenBytes: number;
  /** `rchar`: bytes read; for a server, what it receives. */
  readBytes: number;
}

export interface MachineSample {
  atMs: number;
  cores: number;
  /** Clock ticks since boot, over all cores: busy (not idle, not waiting for I/O) and total. */
  busyTicks: number;
  totalTicks: number;
  loadAverage1m: number;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`the bench reads ${path} (Linux /proc): ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function field(text: string, name: string): number {
  const match = new RegExp(`^${name}:?\\s+(\\d+)`, 'm').exec(text);
  if (!match) throw new Error(`no ${name} in /proc`);
  return Number(match[1]);
}

export function sampleProcess(pid: number): ProcessSample {
  const atMs = performance.now();
  // The command name (field 2) may hold spaces; the fields after its ')' are fixed.
  const stat = read(`/proc/${pid}/stat`);
  const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
  const ticks = Number(after[11]) + Number(after[12]);
  const io = read(`/proc/${pid}/io`);
  return {
    atMs,
    cpuSeconds: ticks / USER_HZ,
    rssBytes: field(read(`/proc/${pid}/status`), 'VmRSS') * 1024,
    writtenBytes: field(io, 'wchar'),
    readBytes: field(io, 'rchar'),
  };
}

/** The first line of /proc/stat: user nice system idle iowait irq softirq steal … */
export function parseCpuLine(statText: string): { busyTicks: number; totalTicks: number } {
  const line = statText.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('no cpu line in /proc/stat');
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const idleTicks = (idle ?? 0) + (iowait ?? 0);
  // Steal is time another guest of the host ran instead of us: busy, as far as we can tell.
  const busyTicks =
    (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  return { busyTicks, totalTicks: busyTicks + idleTicks };
}

export function sampleMachine(): MachineSample {
  return {
    atMs: performance.now(),
    cores: cpus().length,
    ...parseCpuLine(read('/proc/stat')),
    loadAverage1m: loadavg()[0] ?? 0,
  };
}

/** Cores kept busy between two samples, by everything running on the machine. */
export function busyCores(a: MachineSample, b: MachineSample): number {
  const total = b.totalTicks - a.totalTicks;
  return total <= 0 ? 0 : ((b.busyTicks - a.busyTicks) / total) * b.cores;
}

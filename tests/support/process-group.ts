/**
 * A command started in a process group of its own, so that a test can ask afterwards whether
 * anything it started is still running: the server processes, Redis and browsers a tool
 * starts stay in its group even once orphaned, whatever they write over their command line.
 * Linux only (it reads /proc), like every host these tests run on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Whether a process can be told to end with its parent (util-linux's `setpriv --pdeathsig`),
 * as the start scripts and the cluster launcher do where they can.
 */
export const PARENT_DEATH_SIGNALS = process.platform === 'linux' && existsSync('/usr/bin/setpriv');

/** The PIDs still alive (not zombies) in process group `pgid`. */
export function aliveInGroup(pgid: number): number[] {
  const alive: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // it ended while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') alive.push(Number(entry));
  }
  return alive;
}

export interface GroupLeader {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to the whole group: for afterEach, whatever the test found. */
  killGroup: () => void;
}

export function spawnGroupLeader(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): GroupLeader {
  const child = spawn(process.execPath, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // nothing left in it
    }
  };
  return { child, stdout: () => stdout, stderr: () => stderr, exited, killGroup };
}

/** Polls until `done()` or the deadline, for what a process only shows from outside. */
export async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

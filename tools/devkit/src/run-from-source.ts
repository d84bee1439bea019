/**
 * A TypeScript entry run as a person runs a tool, to its end: from source (tsx with the
 * `@arena/source` condition, nothing to build), in the repository root. For tests of command
 * lines, which read its exit code and what it printed.
 */
import { spawnSync } from 'node:child_process';
import { FROM_SOURCE, REPO_ROOT } from './server-command.js';

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `entry` (a path, or relative to the repository root) with `args` until it exits. */
export function runFromSource(entry: string, args: readonly string[] = []): CommandRun {
  const run = spawnSync(process.execPath, [...FROM_SOURCE, entry, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

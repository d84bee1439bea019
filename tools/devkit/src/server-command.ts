/**
 * How the real server is started as a process: from source (tsx with the `@arena/source`
 * condition, nothing to build) or from `dist` (as a host runs it), in the repository root.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Node's arguments that run TypeScript from source. */
export const FROM_SOURCE = ['--conditions=@arena/source', '--import', 'tsx'] as const;

export const SERVER_COMMANDS = {
  source: [...FROM_SOURCE, 'apps/server/src/main.ts'],
  dist: ['apps/server/dist/main.js'],
} as const;

export type ServerBuild = keyof typeof SERVER_COMMANDS;

/** The command line that starts the server from source, quoted for a shell. */
export function serverCommandLine(): string {
  const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;
  return [process.execPath, ...SERVER_COMMANDS.source].map(quote).join(' ');
}

export interface ServerRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the server (from source) with `args` until it exits by itself: --help, a refused start. */
export function runServerToExit(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ServerRun> {
  const child = spawn(process.execPath, [...SERVER_COMMANDS.source, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * The tools a host runs beside Arena (nginx, Caddy, promtool, systemd-analyze), for the tests
 * that check HOSTING.md and /metrics with them. Outside CI a missing tool skips its test with
 * the reason; in CI (`.ci/run` installs them all) a missing tool fails it.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter } from 'node:path';

export interface HostTool {
  command: string;
  /** Where it is installed, if it is. */
  path: string | undefined;
  /** The Debian package that provides it. */
  aptPackage: string;
}

/** nginx lives in /usr/sbin, which is not on every user's PATH. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin'];

function onPath(command: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...EXTRA_DIRS].filter(Boolean);
  for (const dir of dirs) {
    try {
      accessSync(`${dir}/${command}`, constants.X_OK);
      return `${dir}/${command}`;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

export function hostTool(command: string, aptPackage: string): HostTool {
  return { command, path: onPath(command), aptPackage };
}

interface SkippableContext {
  skip: (condition: boolean, note?: string) => void;
}

/** The tool's path; skips the test (or, in CI, fails it) when the tool is not installed. */
export function requireTool(ctx: SkippableContext, tool: HostTool): string {
  if (tool.path) return tool.path;
  const missing = `${tool.command} is not installed (apt-get install ${tool.aptPackage})`;
  if (process.env.CI) throw new Error(`${missing}; CI must install it (see .ci/run)`);
  ctx.skip(true, missing);
  throw new Error('unreachable: ctx.skip throws');
}

/** Runs a tool to completion; `output` is its stdout and stderr together. */
export function runTool(
  path: string,
  args: readonly string[],
  options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { status: number | null; output: string } {
  const result = spawnSync(path, args, { ...options, encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * The real server as its own process, started from source (`tsx` with the `@arena/source`
 * condition) so a test needs no build first. For what only a process can show: signals,
 * exit codes, and what the server prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_MAIN = 'apps/server/src/main.ts';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed, stdout and stderr interleaved. */
  output: () => string;
  /** What it printed on stdout alone: the log. */
  stdout: () => string;
  /** Resolves with the exit code (or the signal that ended it) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once the server answers /healthz; rejects if it exits first or takes too long. */
async function untilHealthy(server: ServerProcess, timeoutMs: number): Promise<void> {
  let exited = false;
  void server.exited.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    try {
      if ((await fetch(`${server.url}/healthz`)).ok) return;
    } catch {
      // Not listening yet: polling a port is the only way to learn when it is.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become healthy:\n${server.output()}`);
}

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  let output = '';
  let stdout = '';
  const child = spawn(
    process.execPath,
    ['--conditions=@arena/source', '--import', 'tsx', SERVER_MAIN],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stdout: () => stdout,
    exited,
  };
  await untilHealthy(server, 20_000);
  return server;
}

/** For afterEach: makes sure a test never leaves a server process behind. */
export async function killServerProcess(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}

/** Runs the server with `args` until it exits by itself (--help, a refused start). */
export function runServerToExit(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=@arena/source', '--import', 'tsx', SERVER_MAIN, ...args],
    { cwd: REPO_ROOT, env: { ...process.env, HOST: '127.0.0.1', ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** The command line that starts the server from source, for a shell (`script`'s terminal). */
export function serverCommandLine(): string {
  const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;
  return [process.execPath, '--conditions=@arena/source', '--import', 'tsx', SERVER_MAIN]
    .map(quote)
    .join(' ');
}

export { REPO_ROOT };

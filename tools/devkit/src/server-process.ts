/**
 * The real server as a process of its own, for what only a process can show (signals, exit
 * codes, what it prints, CPU time that is the server's alone) and for browser tests.
 *
 * It listens on port 0 and the address is read back from its own "Arena is running" log line
 * (a JSON line on stdout when there is no terminal), so no other process can take the port
 * between a probe and the listen; then it waits until `/healthz` answers. That line is logged
 * at `info`, so the server runs at that level or a chattier one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT, SERVER_COMMANDS, type ServerBuild } from './server-command.js';

/** Output kept for error messages and tests: the newest this many characters of each. */
const MAX_OUTPUT_CHARS = 256 * 1024;
const QUIETER_THAN_INFO = ['warn', 'error', 'fatal', 'silent'];

export interface ServerProcessOptions {
  /** `source` (default) needs no build; `dist` runs the built server as a host does. */
  from?: ServerBuild;
  /** Settings on top of this process's environment; PORT and HOST are the helper's. */
  env?: Record<string, string>;
  /**
   * A fixed port instead of one the system picks: only to start a server again where one just
   * stopped, as a host's restart does (what open tabs then see is worth a test).
   */
  port?: number;
  timeoutMs?: number;
  /** Options for Node itself, before the server's script (a benchmark's `--cpu-prof`). */
  nodeArgs?: string[];
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed, stdout and stderr interleaved (the newest part). */
  output: () => string;
  /** What it printed on stdout alone: the log. */
  stdout: () => string;
  /** Resolves once the process has exited. */
  exited: Promise<ServerExit>;
  /** SIGTERM (a graceful shutdown), then waits for the exit. */
  stop: () => Promise<void>;
  /** SIGKILL unless it has exited already; for afterEach, so no test leaves one behind. */
  kill: () => Promise<void>;
}

const keepNewest = (text: string) => text.slice(-MAX_OUTPUT_CHARS);

export async function startServerProcess(
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const level = options.env?.LOG_LEVEL ?? 'info';
  if (QUIETER_THAN_INFO.includes(level)) {
    throw new Error(`LOG_LEVEL=${level} hides the line that says where the server listens`);
  }
  const command = [...(options.nodeArgs ?? []), ...SERVER_COMMANDS[options.from ?? 'source']];
  const child = spawn(process.execPath, command, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...options.env,
      LOG_LEVEL: level,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output = keepNewest(output + chunk.toString());
    stdout = keepNewest(stdout + chunk.toString());
  });
  child.stderr.on('data', (chunk: Buffer) => (output = keepNewest(output + chunk.toString())));
  const exited = new Promise<ServerExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const signal = async (name: NodeJS.Signals) => {
    if (!ended()) child.kill(name);
    await exited;
  };
  const server: ServerProcess = {
    url: '',
    child,
    output: () => output,
    stdout: () => stdout,
    exited,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
  try {
    server.url = await untilHealthy(server, options.timeoutMs ?? 20_000);
  } catch (error) {
    await server.kill();
    throw error;
  }
  return server;
}

/** `http://127.0.0.1:PORT` from the server's "Arena is running" log line, once it is out. */
function listeningUrl(stdout: string): string | undefined {
  // Whole lines only: the last one may still be arriving.
  const lines = stdout.split('\n').slice(0, -1);
  const line = lines.find((l) => l.includes('"msg":"Arena is running"'));
  if (!line) return undefined;
  const { local } = JSON.parse(line) as { local?: unknown };
  return typeof local === 'string' ? local.replace(/\/$/, '') : undefined;
}

/** Waits for the address, then for `/healthz`; rejects if the process exits first. */
async function untilHealthy(server: ServerProcess, timeoutMs: number): Promise<string> {
  let exited = false;
  void server.exited.then(() => (exited = true));
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && !exited) {
    const url = listeningUrl(server.stdout());
    if (url && (await answers(`${url}/healthz`))) return url;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not become healthy:\n${server.output()}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

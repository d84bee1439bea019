/**
 * A `redis-server` of our own, on a loopback port, for `npm run cluster` and the tests: no
 * persistence unless asked, stopped by its PID. It is only a convenience: a real cluster uses
 * a Redis the host runs (docs/HOSTING.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { endingWithParent } from './parent-death.js';

export interface LocalRedis {
  url: string;
  port: number;
  child: ChildProcess;
  /** Stops it (SIGTERM, or SIGKILL for a crash) and resolves once it has exited. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export interface LocalRedisOptions {
  /** A free loopback port is picked when none is given. */
  port?: number;
  /** The `redis-server` binary. */
  binary?: string;
  /** Extra arguments, e.g. `['--appendonly', 'yes', '--dir', dir]` to keep data on disk. */
  args?: string[];
  /**
   * Aborting it stops the process (SIGTERM), even while this function still waits for it to
   * listen: a launcher that is told to stop meanwhile does not know its PID yet.
   */
  signal?: AbortSignal;
  /** Ends it when this process ends, even by SIGKILL, where it can (parent-death.ts). */
  endWithParent?: boolean;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** What it printed last (redis logs to stdout): enough to say why it did not start. */
const KEPT_OUTPUT_CHARS = 4096;

export async function startLocalRedis(options: LocalRedisOptions = {}): Promise<LocalRedis> {
  const port = options.port ?? (await freePort());
  const binary = options.binary ?? 'redis-server';
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const command: [string, string[]] = [binary, [...args, ...(options.args ?? [])]];
  const [file, argv] = options.endWithParent ? endingWithParent(...command) : command;
  const child = spawn(file, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // `on`, not `once`: an abort after the start is an 'error' too, and must not crash us.
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError ??= error));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    // A process that never ran (no such binary) has nothing to stop and never exits.
    if (child.pid === undefined) return;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (spawnError) {
      await stop();
      throw new Error(`cannot run ${binary}: ${spawnError.message}`);
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`redis-server did not listen on port ${port}: ${output.trim()}`);
    }
    // Polling the port is the only way to learn when another program listens on it.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, port, child, stop };
}

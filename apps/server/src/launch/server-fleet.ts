/**
 * The cluster launcher's server processes: N of them on free loopback ports, sharing one Redis.
 * A process that dies once the cluster is up is started again after a second, as systemd
 * would, and after longer waits if it keeps dying soon after it starts (restart-pacing.ts);
 * one that refuses its configuration (exit code 2) is not, since the same settings would be
 * refused again: the fleet reports it instead, and so it does any process that ends before the
 * cluster was first up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { EXIT_BAD_CONFIG } from '../exit-codes.js';
import { freePort } from './local-redis.js';
import { endingWithParent } from './parent-death.js';
import { RestartPacing, STEADY_RUN_MS } from './restart-pacing.js';

/**
 * The server beside this file: the built `main.js`, or, when the launcher itself runs from
 * source under tsx (as its tests run it), `main.ts` with the launcher's own Node options.
 */
const SERVER_COMMAND = import.meta.url.endsWith('.ts')
  ? [...process.execArgv, fileURLToPath(new URL('../main.ts', import.meta.url))]
  : [fileURLToPath(new URL('../main.js', import.meta.url))];

/** A server process ended in a way a restart cannot mend; `exitCode` is the launcher's to use. */
export class ServerExitError extends Error {
  override name = 'ServerExitError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface FleetOptions {
  redisUrl: string;
  /** Flags for every server (`--tick-rate-hz 60`). */
  args: readonly string[];
  /** Node's arguments that start one server, by default the server beside this file. */
  command?: readonly string[];
  /** Each log line, already made readable, and each line a server wrote on stderr. */
  log: (line: string) => void;
  logError: (line: string) => void;
  /** Called once the cluster is up, when a server ends in a way a restart cannot mend. */
  onFatal: (error: ServerExitError) => void;
}

interface Member {
  child: ChildProcess;
  port: number;
  ready: boolean;
  startedAtMs: number;
  /** The last line it wrote on stderr: why it ended, when it refused to start. */
  lastError: string;
}

/** Calls `onLine` with each whole line of `stream`. */
function eachLine(stream: Readable | null, onLine: (line: string) => void): void {
  let pending = '';
  stream?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line) onLine(line);
  });
}

/** One JSON log line of a server, shortened for people: `[2] room opened room=ABCDE`. */
export function readable(index: number, line: string): string {
  try {
    const {
      msg,
      level: _l,
      time: _t,
      pid: _p,
      hostname: _h,
      ...fields
    } = JSON.parse(line) as {
      msg: string;
      [field: string]: unknown;
    };
    const extra = Object.entries(fields).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    return `[${index}] ${msg}${extra.length ? `  ${extra.join(' ')}` : ''}`;
  } catch {
    return `[${index}] ${line}`;
  }
}

/** Resolves once the server answers /healthz (true), or has exited (false). */
async function untilHealthy(port: number, child: ChildProcess): Promise<boolean> {
  while (child.exitCode === null && child.signalCode === null) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return true;
    } catch {
      // Not listening yet: polling the port is the only way to learn when it is.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function ended(member: Member): Promise<void> {
  const { child } = member;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export class ServerFleet {
  private readonly members = new Map<number, Member>();
  private readonly restarts = new Set<NodeJS.Timeout>();
  /** Per process number: how soon it is started again. */
  private readonly pacing = new Map<number, RestartPacing>();
  /** Set once every first start was healthy: from then on a dead process is restarted. */
  private up = false;
  private stopping = false;

  constructor(private readonly options: FleetOptions) {}

  /** The ports of the processes that answer: only they get players from the front port. */
  ports(): number[] {
    return [...this.members.values()].filter((m) => m.ready).map((m) => m.port);
  }

  /** Starts `count` processes; rejects if any of them ends before it answers. */
  async startAll(count: number): Promise<void> {
    await Promise.all(Array.from({ length: count }, (_, i) => this.start(i + 1)));
    this.up = !this.stopping;
  }

  private async start(index: number): Promise<void> {
    const port = await freePort();
    if (this.stopping) return;
    const member = this.spawn(index, port);
    if (await untilHealthy(port, member.child)) {
      member.ready = true;
      return;
    }
    const { exitCode, signalCode } = member.child;
    const how = signalCode ?? `code ${exitCode}`;
    const why = member.lastError ? `: ${member.lastError}` : '';
    const code = exitCode === EXIT_BAD_CONFIG ? EXIT_BAD_CONFIG : 1;
    throw new ServerExitError(
      `server process [${index}] ended (${how}) before it was up${why}`,
      code,
    );
  }

  private spawn(index: number, port: number): Member {
    const command = this.options.command ?? SERVER_COMMAND;
    const [file, args] = endingWithParent(process.execPath, [...command, ...this.options.args]);
    const child = spawn(file, args, {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        REDIS_URL: this.options.redisUrl,
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const member: Member = { child, port, ready: false, startedAtMs: Date.now(), lastError: '' };
    this.members.set(index, member);
    eachLine(child.stdout, (line) => this.options.log(readable(index, line)));
    eachLine(child.stderr, (line) => {
      member.lastError = line;
      this.options.logError(line);
    });
    this.options.log(`[${index}] server process ${child.pid} on 127.0.0.1:${port}`);
    child.once('exit', (code, signal) => this.exited(index, member, code, signal));
    return member;
  }

  private exited(index: number, member: Member, code: number | null, signal: string | null) {
    if (this.members.get(index) === member) this.members.delete(index);
    // Before the cluster is up, `start` reports the failure; while stopping, nothing is one.
    if (this.stopping || !this.up) return;
    if (code === EXIT_BAD_CONFIG) {
      const why = member.lastError ? `: ${member.lastError}` : '';
      const message = `server process [${index}] refused its configuration (exit code 2)${why}`;
      return this.options.onFatal(new ServerExitError(message, EXIT_BAD_CONFIG));
    }
    this.restartLater(index, member, `exited (${signal ?? code})`);
  }

  private restartLater(index: number, member: Member, how: string): void {
    let pacing = this.pacing.get(index);
    if (!pacing) this.pacing.set(index, (pacing = new RestartPacing()));
    const delayMs = pacing.delayAfter(member.startedAtMs, Date.now());
    const loop =
      pacing.endsInARow > 1
        ? ` (it ended ${pacing.endsInARow} times in a row within ${STEADY_RUN_MS / 1000} s of starting)`
        : '';
    this.options.log(`[${index}] ${how}; starting it again in ${delayMs / 1000} s${loop}`);
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      this.start(index).catch((error: Error) => this.options.logError(error.message));
    }, delayMs);
    this.restarts.add(timer);
  }

  /** SIGTERM to all, those still starting too: each saves its rooms and lets go of them. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    const members = [...this.members.values()];
    for (const { child } of members)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(members.map(ended));
  }
}

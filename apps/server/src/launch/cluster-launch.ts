/**
 * `npm run cluster -- --processes 3`: a whole cluster on one machine, to see it work. Starts a
 * `redis-server` of its own (unless `--redis-url` names one), N server processes sharing it on
 * loopback ports, and one port in front of them all (front-proxy.ts), like nginx would be.
 * Every other flag goes to each server (`--tick-rate-hz 60`). A server process that dies is
 * started again after a second, as systemd would: kill one (`kill -9 <pid>`) and watch its
 * rooms go on in the others. Ctrl-C stops everything it started, by PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { shareableUrls } from '../addresses.js';
import { startFrontProxy } from './front-proxy.js';
import { freePort, startLocalRedis, type LocalRedis } from './local-redis.js';

const SERVER_MAIN = fileURLToPath(new URL('../main.js', import.meta.url));
const RESTART_DELAY_MS = 1000;
const USAGE =
  'usage: npm run cluster -- [--processes 3] [--port 3000] [--host 0.0.0.0] [--redis-url redis://…] [server flags…]';

interface LaunchOptions {
  processes: number;
  port: number;
  host: string;
  redisUrl: string | undefined;
  serverArgs: string[];
}

function parse(argv: readonly string[]): LaunchOptions {
  const options: LaunchOptions = {
    processes: 3,
    port: 3000,
    host: '0.0.0.0',
    redisUrl: undefined,
    serverArgs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    const known = ['--processes', '--port', '--host', '--redis-url'].includes(flag);
    if (!known) {
      options.serverArgs.push(flag);
      continue;
    }
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    i += 1;
    if (flag === '--processes') options.processes = Number(value);
    if (flag === '--port') options.port = Number(value);
    if (flag === '--host') options.host = value;
    if (flag === '--redis-url') options.redisUrl = value;
  }
  if (!Number.isInteger(options.processes) || options.processes < 1 || options.processes > 32)
    throw new Error(`--processes must be 1 to 32\n${USAGE}`);
  return options;
}

/** One JSON log line of a server, shortened for people: `[2] room opened room=ABCDE`. */
function readable(index: number, line: string): string {
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

/** Resolves once the server answers /healthz, or has exited. */
async function untilHealthy(port: number, child: ChildProcess): Promise<void> {
  while (child.exitCode === null && child.signalCode === null) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // Not listening yet: polling the port is the only way to learn when it is.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

class ServerFleet {
  private readonly children = new Map<
    number,
    { child: ChildProcess; port: number; ready: boolean }
  >();
  private stopping = false;

  constructor(
    private readonly redisUrl: string,
    private readonly args: readonly string[],
  ) {}

  /** The ports of the processes that answer: only they get players from the front port. */
  ports(): number[] {
    return [...this.children.values()].filter((c) => c.ready).map((c) => c.port);
  }

  async start(index: number): Promise<void> {
    const port = await freePort();
    const child = spawn(process.execPath, [SERVER_MAIN, ...this.args], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        REDIS_URL: this.redisUrl,
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line) console.log(readable(index, line));
    });
    const entry = { child, port, ready: false };
    this.children.set(index, entry);
    console.log(`[${index}] server process ${child.pid} on 127.0.0.1:${port}`);
    child.once('exit', (code, signal) => {
      this.children.delete(index);
      if (this.stopping) return;
      console.log(`[${index}] exited (${signal ?? code}); starting it again in a second`);
      setTimeout(() => void this.start(index), RESTART_DELAY_MS);
    });
    await untilHealthy(port, child);
    entry.ready = child.exitCode === null;
  }

  /** SIGTERM to all: each saves its rooms and lets go of them. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children.values()].map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  let redis: LocalRedis | undefined;
  if (!options.redisUrl) {
    redis = await startLocalRedis().catch((error: Error) => {
      throw new Error(`${error.message}\nInstall redis-server, or give --redis-url.`);
    });
    console.log(`redis-server ${redis.child.pid} on ${redis.url} (started here, saves nothing)`);
  }
  const redisUrl = options.redisUrl ?? redis!.url;
  const fleet = new ServerFleet(redisUrl, options.serverArgs);
  await Promise.all(Array.from({ length: options.processes }, (_, i) => fleet.start(i + 1)));
  const proxy = await startFrontProxy(options.host, options.port, () => fleet.ports());
  const links = shareableUrls(options.host, options.port);
  console.log(
    `\n  Arena cluster: ${options.processes} server processes sharing ${redisUrl}, behind one port.`,
    `\n  Local:   ${links.local}`,
    ...links.lan.map((url) => `\n  Network: ${url}`),
    '\n  Kill a server process (kill -9 <pid>) to see its rooms go on in the others.\n',
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await proxy.close();
    await fleet.stop();
    await redis?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});

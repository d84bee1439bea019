/**
 * The server's configuration: every environment variable it reads, validated once at start.
 * Each variable can also be given as a flag (`--tick-rate-hz 60` sets TICK_RATE_HZ); flags win.
 * A bad value stops the server with a message that names the variable.
 */
import { fileURLToPath } from 'node:url';
import {
  INPUT_BUFFER_MAX_TICKS,
  INPUT_BUFFER_MIN_TICKS,
  INPUT_BUFFER_TICKS,
  MAX_INPUT_BACKLOG_TICKS,
} from '@arena/shared/netcode/server';
import { ROOM_PLAYERS_MAX } from '@arena/shared/protocol';
import { z } from 'zod';
import { trustProxyProblem } from './client-address.js';

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const seconds = (min: number, max: number) => z.coerce.number().min(min).max(max);

/**
 * Variable name → schema with its default. `--help` (config-help.ts) and README's
 * configuration table list the same, with each one's meaning.
 */
export const configSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  CLIENT_DIR: z.string().min(1).default(DEFAULT_CLIENT_DIR),
  TICK_RATE_HZ: int(5, 120).default(30),
  SNAPSHOT_RATE_HZ: int(1, 120).default(30),
  MAX_PLAYERS_PER_ROOM: int(1, ROOM_PLAYERS_MAX).default(8),
  MAX_SPECTATORS_PER_ROOM: int(0, 256).default(16),
  MAX_ROOMS: int(1, 10_000).default(200),
  /** Per client address: rooms at once, rooms opened a minute, wrong room codes a minute. */
  MAX_ROOMS_PER_IP: int(1, 10_000).default(3),
  ROOMS_OPENED_PER_MIN_PER_IP: int(1, 10_000).default(10),
  CODE_MISSES_PER_MIN_PER_IP: int(1, 10_000).default(10),
  ROUND_SECONDS: seconds(2, 3600).default(180),
  INTERMISSION_SECONDS: seconds(1, 120).default(6),
  RECONNECT_GRACE_SECONDS: seconds(0, 3600).default(30),
  /** Ticks a player's first input waits before it runs: the jitter buffer (docs/NETCODE.md). */
  INPUT_BUFFER_TICKS: int(0, INPUT_BUFFER_MAX_TICKS).default(INPUT_BUFFER_TICKS),
  /**
   * The least buffer a clean link's inputs shrink to (at most `INPUT_BUFFER_TICKS`, which a
   * jittery link keeps); equal to it, every link keeps the room's buffer.
   */
  INPUT_BUFFER_MIN_TICKS: int(0, INPUT_BUFFER_MAX_TICKS).default(INPUT_BUFFER_MIN_TICKS),
  /**
   * Ticks ahead of the server a client's inputs may run before its oldest slots are dropped;
   * above the input buffer, or every jittery input would be dropped.
   */
  INPUT_BACKLOG_MAX: int(2, 64).default(MAX_INPUT_BACKLOG_TICKS),
  /**
   * Whether a seat may open a snapshot mirror: a second connection that carries its snapshots
   * (docs/NETCODE.md). Off, every player plays on one connection.
   */
  SNAPSHOT_MIRRORS: z.enum(['on', 'off']).default('on'),
  MAX_PAYLOAD_BYTES: int(256, 1_000_000).default(8192),
  MAX_CONNECTIONS: int(1, 100_000).default(2000),
  MAX_CONNECTIONS_PER_IP: int(1, 10_000).default(32),
  /**
   * Bytes written to a connection that its client has not read yet, at most: past a sixteenth
   * of it a room skips the connection's snapshots, past it the connection is closed.
   */
  MAX_UNSENT_BYTES: int(64 * 1024, 64 * 1024 * 1024).default(512 * 1024),
  /**
   * Proxies whose X-Forwarded-For is believed for per-address limits: `off`, `loopback`, or
   * their addresses. Off, every limit counts the address the connection comes from.
   */
  TRUST_PROXY: z
    .string()
    .min(1)
    .default('off')
    .check((ctx) => {
      const problem = trustProxyProblem(ctx.value);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    }),
  /**
   * socket.io's heartbeat: a ping every interval, and the time a client has to answer it. A
   * connection that goes silent without closing is noticed after at most their sum.
   */
  HEARTBEAT_INTERVAL_MS: int(1000, 60_000).default(10_000),
  HEARTBEAT_TIMEOUT_MS: int(1000, 60_000).default(10_000),
  /** How long a transport connection may stay open without joining (socket.io's connectTimeout). */
  HANDSHAKE_TIMEOUT_MS: int(500, 60_000).default(10_000),
  /** The plain WebSocket echo at /echo: connections in total (0 turns it off) and per address. */
  ECHO_MAX_CONNECTIONS: int(0, 100_000).default(100),
  ECHO_MAX_CONNECTIONS_PER_IP: int(1, 10_000).default(4),
  /** Comma-separated browser origins allowed besides the server's own page; `*` allows any. */
  ALLOWED_ORIGINS: z.string().default(''),
  CHAT_HISTORY_SIZE: int(0, 500).default(30),
  SHUTDOWN_GRACE_MS: int(0, 60_000).default(2000),
  /**
   * The link simulator is a development tool: off, nothing a client sends can delay or queue
   * anything on its behalf. On, a connection may ask for a simulated link in its handshake
   * query, and the SIM_* settings below apply to every connection.
   */
  LINK_SIMULATOR: z.enum(['off', 'on']).default('off'),
  /** Link simulator for demos: added one-way latency per connection (ms), ± jitter (ms). */
  SIM_LAG_MS: int(0, 5000).default(0),
  SIM_JITTER_MS: int(0, 5000).default(0),
  /** Percent of packets that stall for a resend (about one round trip), then arrive in a burst. */
  SIM_STALL_PERCENT: z.coerce.number().min(0).max(100).default(0),
  /** Set by `npm run dev`: the port of Vite's page, which the start-up banner then shares. */
  DEV_CLIENT_PORT: int(0, 65535).default(0),
  /**
   * A Redis server every process of a cluster shares (`redis://host:port`, `rediss://` for TLS);
   * empty: one process, everything in memory.
   */
  REDIS_URL: z
    .string()
    .regex(/^(rediss?:\/\/.+)?$/, 'must start with redis:// or rediss://')
    .default(''),
  /** Prepended to every Redis key and channel, so several games can share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,32}$/, 'letters, digits, _ . - (1 to 32)')
    .default('arena'),
  /** How long a room's lease lasts unless renewed: the longest a dead owner's room stays still. */
  ROOM_LEASE_MS: int(500, 60_000).default(2000),
  /** How often a room's owner saves it to Redis: the most play a takeover can lose. */
  CHECKPOINT_INTERVAL_MS: int(100, 60_000).default(1000),
});

/** The SIM_* settings do nothing unless the host turned the link simulator on: say so at start. */
const SIMULATED_LINK_SETTINGS = ['SIM_LAG_MS', 'SIM_JITTER_MS', 'SIM_STALL_PERCENT'] as const;

function checkCombinations(config: ServerConfig): string[] {
  const problems: string[] = [];
  if (config.INPUT_BACKLOG_MAX <= config.INPUT_BUFFER_TICKS)
    problems.push('INPUT_BACKLOG_MAX: must be above INPUT_BUFFER_TICKS');
  if (config.LINK_SIMULATOR === 'on') return problems;
  return problems.concat(
    SIMULATED_LINK_SETTINGS.filter((name) => config[name] !== 0).map(
      (name) => `${name}: needs LINK_SIMULATOR=on (the link simulator is off)`,
    ),
  );
}

export type ServerConfig = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `--tick-rate-hz 60` / `--tick-rate-hz=60` → { TICK_RATE_HZ: '60' }. */
export function flagsToEnv(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument "${arg}"`);
    const [flag, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const name = flag.toUpperCase().replaceAll('-', '_');
    if (!(name in configSchema.shape)) throw new ConfigError(`unknown flag --${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`flag --${flag} needs a value`);
    out[name] = value;
  }
  return out;
}

/** Reads the known variables from `env` (unset or empty means default) and `argv` flags. */
export function loadConfig(
  env: Record<string, string | undefined>,
  argv: readonly string[] = [],
): ServerConfig {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(configSchema.shape)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  Object.assign(raw, flagsToEnv(argv));
  const parsed = configSchema.safeParse(raw);
  const problems = parsed.success
    ? checkCombinations(parsed.data)
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (problems.length > 0 || !parsed.success)
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return parsed.data;
}

/** The whole config with defaults, for tests that override a few values. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...loadConfig({}),
    PORT: 0,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    ...overrides,
  };
}

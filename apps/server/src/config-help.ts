/**
 * `--help`: every variable of the configuration schema with its flag, default, allowed values
 * and meaning. Names, defaults and ranges come from the schema itself, and a variable without a
 * meaning here is a type error, so the help cannot drift from what the server reads. README's
 * configuration table gives the same meanings (a test compares them).
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, type ServerConfig } from './config.js';

type ConfigName = keyof ServerConfig;

export const CONFIG_MEANINGS: Record<ConfigName, string> = {
  PORT: 'TCP port for the page, the socket and the HTTP routes',
  HOST: 'interface to listen on; all interfaces by default so LAN friends can join',
  LOG_LEVEL: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`',
  LOG_FORMAT:
    '`json` lines; `pretty` (pino-pretty) for people; `auto`: pretty when stdout is a terminal',
  CLIENT_DIR: 'where the built browser client is served from',
  TICK_RATE_HZ: 'simulation ticks per second (5–120)',
  SNAPSHOT_RATE_HZ: 'snapshots per second sent to each room (at most the tick rate)',
  MAX_PLAYERS_PER_ROOM:
    'seats per room (1–64); a full room answers `ROOM_FULL` and offers to watch',
  MAX_SPECTATORS_PER_ROOM: 'spectators per room',
  MAX_ROOMS: 'rooms this process runs at once; beyond it `TOO_MANY_ROOMS`',
  MAX_ROOMS_PER_IP:
    "rooms an address may have at once (counted while the creator's seat is in it); then `TOO_MANY_ROOMS`",
  ROOMS_OPENED_PER_MIN_PER_IP:
    'rooms an address may open a minute (quick play too); then `RATE_LIMITED`',
  CODE_MISSES_PER_MIN_PER_IP:
    'joins by a code that names no room, per address a minute; then every join by code is `RATE_LIMITED`',
  ROUND_SECONDS: 'length of a round',
  INTERMISSION_SECONDS: 'scoreboard time between rounds',
  RECONNECT_GRACE_SECONDS: "how long a dropped player's seat is held (0 frees it at once)",
  INPUT_BUFFER_TICKS:
    "ticks a player's first input waits before it runs (0–8): absorbs jitter, adds as much input delay",
  INPUT_BUFFER_MIN_TICKS:
    "the least buffer a clean link's inputs shrink to (0–8, at most `INPUT_BUFFER_TICKS`); a jittery link keeps the room's",
  INPUT_BACKLOG_MAX:
    'ticks inputs may run ahead of their slots (2–64, above `INPUT_BUFFER_TICKS`); past it the oldest are dropped',
  SNAPSHOT_MIRRORS:
    '`on` lets a player open a second connection for snapshots (twice the snapshot bytes); `off` refuses it',
  MAX_PAYLOAD_BYTES:
    "largest socket.io message accepted (socket.io's `maxHttpBufferSize`); bigger ones close that socket",
  MAX_CONNECTIONS: 'socket connections in total; beyond it `TOO_MANY_CONNECTIONS`',
  MAX_CONNECTIONS_PER_IP: 'socket connections per remote address',
  MAX_UNSENT_BYTES:
    'bytes sent to a connection and not yet read by it; past 1/16 its snapshots are skipped, past it it is closed',
  TRUST_PROXY:
    'proxies whose `X-Forwarded-For` per-address limits believe: `off`, `loopback`, or their addresses (comma-separated)',
  HEARTBEAT_INTERVAL_MS: 'the server pings every connection this often (1000–60000)',
  HEARTBEAT_TIMEOUT_MS: 'a connection that has not answered a ping by then is dropped (1000–60000)',
  HANDSHAKE_TIMEOUT_MS:
    'a TCP connection that has made no request, or a transport connection that has not joined, by then is closed',
  ECHO_MAX_CONNECTIONS:
    'connections to the plain WebSocket echo at `/echo` in total (0 turns it off); beyond it HTTP 503',
  ECHO_MAX_CONNECTIONS_PER_IP: 'connections to `/echo` per address; beyond it HTTP 429',
  ALLOWED_ORIGINS:
    "comma-separated browser origins allowed besides the server's own page; `*` allows any",
  CHAT_HISTORY_SIZE: 'chat messages a newcomer sees',
  SHUTDOWN_GRACE_MS:
    'how long SIGTERM waits for players to be told and sockets to close; what is still open then is cut',
  LINK_SIMULATOR:
    '`on` lets each connection ask for a simulated link (`?lag=`) and turns the `SIM_*` settings on; off in production',
  SIM_LAG_MS: 'link simulator: added one-way latency on every connection (demos, tests)',
  SIM_JITTER_MS: "link simulator: each packet's latency varies by ± this many ms",
  SIM_STALL_PERCENT:
    'link simulator: percent of packets "lost": a pause of one round trip, then a burst, in order',
  DEV_CLIENT_PORT:
    "set by `npm run dev` to Vite's port: the banner then shares the live client's links (0: off)",
  REDIS_URL:
    '`redis://…`: every process started with it joins one cluster (empty: one process, in memory)',
  REDIS_KEY_PREFIX: 'prefix of every Redis key and channel, so several games can share one Redis',
  ROOM_LEASE_MS:
    "how long a room's owner holds it without renewing; a dead owner's rooms move after at most this",
  CHECKPOINT_INTERVAL_MS: 'how often a room is saved to Redis: the most play a takeover can lose',
};

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export function flagOf(name: string): string {
  return `--${name.toLowerCase().replaceAll('_', '-')}`;
}

/** `--help` or `-h` anywhere among the arguments. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Each variable's default as README's table writes it (paths relative to the repository). */
export function shownDefaults(): Record<ConfigName, string> {
  const defaults = configSchema.parse({});
  const shown = {} as Record<ConfigName, string>;
  for (const name of Object.keys(configSchema.shape) as ConfigName[]) {
    const value = defaults[name];
    shown[name] =
      value === ''
        ? '(empty)'
        : name === 'CLIENT_DIR'
          ? relative(REPO_ROOT, String(value))
          : String(value);
  }
  return shown;
}

/** The values the schema accepts: an enum's options or a number's range. */
function allowed(name: ConfigName): string | undefined {
  const inner = configSchema.shape[name].unwrap();
  if ('options' in inner) return inner.options.join(', ');
  if ('minValue' in inner && inner.minValue !== null && inner.maxValue !== null) {
    return `${inner.minValue}–${inner.maxValue}`;
  }
  return undefined;
}

export function configHelp(): string {
  const defaults = shownDefaults();
  const lines = [
    'Usage: node apps/server/dist/main.js [--flag value ...]   (or: npm start -- --flag value)',
    '',
    'Arena game server. Every setting is an environment variable or the flag beside it;',
    'flags win over the environment. A bad value stops the server with a message naming it.',
    '',
  ];
  for (const name of Object.keys(configSchema.shape) as ConfigName[]) {
    const range = allowed(name);
    const facts = [name, `default ${defaults[name]}`, ...(range ? [range] : [])];
    lines.push(
      `  ${flagOf(name)} <value>   (${facts.join('; ')})`,
      `      ${CONFIG_MEANINGS[name]}`,
    );
  }
  lines.push('', '  --help, -h   print this and exit', '');
  return lines.join('\n');
}

/**
 * The cluster launcher's command line: its own flags, and every other flag for the servers,
 * checked with the servers' own configuration reader before anything is started, so a typo
 * stops the launcher at once instead of every server process in turn.
 */
import { ConfigError, loadConfig } from '../config.js';
import { EXIT_BAD_CONFIG } from '../exit-codes.js';

export const USAGE =
  'usage: npm run cluster -- [--processes 3] [--port 3000] [--host 0.0.0.0] [--redis-url redis://…] [server flags…]';

/** A command line the launcher cannot run: exit code 2, as the server's own. */
export class LaunchUsageError extends Error {
  override name = 'LaunchUsageError';
  readonly exitCode = EXIT_BAD_CONFIG;
}

export interface LaunchOptions {
  processes: number;
  port: number;
  host: string;
  redisUrl: string | undefined;
  serverArgs: string[];
}

const OWN_FLAGS = ['--processes', '--port', '--host', '--redis-url'];

function readFlags(argv: readonly string[]): LaunchOptions {
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
    if (!OWN_FLAGS.includes(flag)) {
      options.serverArgs.push(flag);
      continue;
    }
    if (value === undefined) throw new LaunchUsageError(`${flag} needs a value\n${USAGE}`);
    i += 1;
    if (flag === '--processes') options.processes = Number(value);
    if (flag === '--port') options.port = Number(value);
    if (flag === '--host') options.host = value;
    if (flag === '--redis-url') options.redisUrl = value;
  }
  return options;
}

/**
 * The servers' configuration as each process will read it: this environment and the server
 * flags, with what the launcher sets itself (the Redis URL stands in for one not started yet).
 */
function checkServerConfig(options: LaunchOptions, env: NodeJS.ProcessEnv): void {
  const redisUrl = options.redisUrl ?? 'redis://127.0.0.1:6379';
  const serverEnv = { ...env, PORT: '0', HOST: '127.0.0.1', REDIS_URL: redisUrl };
  try {
    loadConfig({ ...serverEnv, LOG_FORMAT: 'json' }, options.serverArgs);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const help = '(npm start -- --help lists the server flags)';
    throw new LaunchUsageError(`${error.message} ${help}\n${USAGE}`);
  }
}

export function parseLaunchOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): LaunchOptions {
  const options = readFlags(argv);
  if (!Number.isInteger(options.processes) || options.processes < 1 || options.processes > 32)
    throw new LaunchUsageError(`--processes must be 1 to 32\n${USAGE}`);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
    throw new LaunchUsageError(`--port must be 0 to 65535\n${USAGE}`);
  checkServerConfig(options, env);
  return options;
}

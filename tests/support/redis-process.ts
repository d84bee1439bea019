/**
 * A real `redis-server` for one test file, on a free loopback port, without persistence; stopped
 * (or killed, and started again on the same port) by its PID. `SKIP_WITHOUT_REDIS` says why a
 * test is skipped where redis-server is not installed (CI installs it, and fails without it).
 */
import { execFileSync } from 'node:child_process';
import { startLocalRedis, type LocalRedis } from '@arena/server';

const BINARY = process.env['REDIS_SERVER_PATH'] ?? 'redis-server';

function hasRedis(): boolean {
  try {
    execFileSync(BINARY, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** In CI a missing redis-server is a failure, not a skip. */
export const SKIP_WITHOUT_REDIS = !hasRedis() && process.env['CI'] !== 'true';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops it (SIGTERM, or SIGKILL for a crash) and waits until it has exited. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  /** Starts it again on the same port (after `stop`), empty: it saves nothing. */
  restart: () => Promise<void>;
  /** One command through redis-cli, for what a test checks in Redis itself. */
  cli: (...args: string[]) => string;
}

export async function startRedis(): Promise<RedisServer> {
  let redis: LocalRedis = await startLocalRedis({ binary: BINARY });
  const { port } = redis;
  return {
    url: redis.url,
    port,
    stop: (signal) => redis.stop(signal),
    restart: async () => {
      redis = await startLocalRedis({ binary: BINARY, port });
    },
    cli: (...args) =>
      execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).trim(),
  };
}

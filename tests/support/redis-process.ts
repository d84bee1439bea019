/**
 * A real `redis-server` for one test file, on a free loopback port, without persistence; stopped
 * (or killed, and started again on the same port) by its PID. `SKIP_WITHOUT_REDIS` says why a
 * test is skipped where redis-server is not installed (CI installs it, and fails without it).
 */
import { execFileSync } from 'node:child_process';
import { freePort } from '@arena/devkit';
import { startTool, type ToolProcess } from './tool-process.js';

function hasRedis(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const REDIS_INSTALLED = hasRedis();
/** In CI a missing redis-server is a failure, not a skip. */
export const SKIP_WITHOUT_REDIS = !REDIS_INSTALLED && process.env['CI'] !== 'true';

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

function launch(port: number): Promise<ToolProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  return startTool('redis-server', args, { port });
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let tool = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async (signal = 'SIGTERM') => {
      if (tool.child.exitCode === null && tool.child.signalCode === null) tool.child.kill(signal);
      await tool.stop();
    },
    restart: async () => {
      tool = await launch(port);
    },
    cli: (...args) =>
      execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).trim(),
  };
}

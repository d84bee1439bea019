/** What Redis says about its own work (INFO): CPU seconds, commands processed, per command. */
import { execFileSync } from 'node:child_process';

export interface RedisSample {
  atMs: number;
  cpuSeconds: number;
  commands: number;
  /** Calls per command name since Redis started (`INFO commandstats`). */
  calls: Record<string, number>;
}

export function sampleRedis(port: number): RedisSample {
  const info = execFileSync('redis-cli', ['-p', String(port), 'INFO', 'all'], { encoding: 'utf8' });
  const field = (name: string) =>
    Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? 0);
  const calls: Record<string, number> = {};
  for (const [, name, count] of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm))
    calls[name!] = Number(count);
  return {
    atMs: performance.now(),
    cpuSeconds: field('used_cpu_sys') + field('used_cpu_user'),
    commands: field('total_commands_processed'),
    calls,
  };
}

export interface RedisLoad {
  cpuCores: number;
  opsPerSecond: number;
  /** The busiest commands, calls per second. */
  topCommands: Record<string, number>;
}

export function redisLoad(before: RedisSample, after: RedisSample): RedisLoad {
  const seconds = (after.atMs - before.atMs) / 1000;
  const perCommand = Object.entries(after.calls)
    .map(([name, calls]) => [name, (calls - (before.calls[name] ?? 0)) / seconds] as const)
    .filter(([, rate]) => rate >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6);
  return {
    cpuCores: (after.cpuSeconds - before.cpuSeconds) / seconds,
    // INFO itself is one command per sample: not worth subtracting.
    opsPerSecond: (after.commands - before.commands) / seconds,
    topCommands: Object.fromEntries(perCommand.map(([name, rate]) => [name, Math.round(rate)])),
  };
}

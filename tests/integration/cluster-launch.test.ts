/**
 * `npm run cluster`'s launcher as a process, in a process group of its own: however it ends
 * (a flag the servers refuse, its output closed early, the terminal hanging up), it ends
 * with one clear line and leaves none of the processes it started behind.
 */
import { join } from 'node:path';
import { FROM_SOURCE, REPO_ROOT, freePort } from '@arena/devkit';
import { EXIT_BAD_CONFIG, ServerExitError, ServerFleet } from '@arena/server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  aliveInGroup,
  PARENT_DEATH_SIGNALS,
  spawnGroupLeader,
  until,
  type GroupLeader,
} from '../support/process-group.js';
import { SKIP_WITHOUT_REDIS } from '../support/redis-process.js';

const LAUNCHER = [...FROM_SOURCE, 'apps/server/src/launch/cluster-launch.ts'];

let launcher: GroupLeader | undefined;
afterEach(() => {
  launcher?.killGroup();
  launcher = undefined;
});

async function launch(...args: string[]): Promise<GroupLeader & { port: number }> {
  const port = await freePort();
  launcher = spawnGroupLeader(
    [...LAUNCHER, '--processes', '2', '--port', String(port), '--host', '127.0.0.1', ...args],
    { cwd: REPO_ROOT },
  );
  return { ...launcher, port };
}

/** Once the launcher has exited, whatever it started has ended too (or ends within moments). */
async function nothingLeftOf(group: GroupLeader, withinMs = 5000): Promise<void> {
  const pgid = group.child.pid!;
  await until(() => aliveInGroup(pgid).length === 0, withinMs, 'the group to end').catch(() => {
    throw new Error(`still running from the launcher: ${aliveInGroup(pgid).join(', ')}`);
  });
}

describe.skipIf(SKIP_WITHOUT_REDIS)('cluster launcher', { timeout: 60_000 }, () => {
  it('refuses a flag the servers refuse before starting anything, with exit code 2', async () => {
    const group = await launch('--bogus');
    const { code } = await group.exited;
    expect(code).toBe(EXIT_BAD_CONFIG);
    expect(group.stderr()).toMatch(/^cluster: unknown flag --bogus .*\nusage: npm run cluster/);
    expect(group.stdout()).toBe('');
    await nothingLeftOf(group);
  });

  it('stops Redis and every server when its stdout is closed early', async () => {
    const group = await launch();
    await until(() => group.stdout().includes('server process'), 30_000, 'a server to start');
    // As `npm run cluster | head` does: the next line it writes meets a closed pipe.
    group.child.stdout!.destroy();
    const { code } = await group.exited;
    expect(code).toBe(1);
    expect(group.stderr()).toContain('cluster: stdout was closed; stopping');
    await nothingLeftOf(group);
  });

  it('prints its banner once the servers are up, and stops everything on SIGHUP', async () => {
    const group = await launch();
    await until(() => group.stdout().includes('Arena cluster: 2'), 30_000, 'the banner');
    // Both processes answer by then: the front port finds one ready.
    expect((await fetch(`http://127.0.0.1:${group.port}/readyz`)).status).toBe(200);
    group.child.kill('SIGHUP');
    expect((await group.exited).code).toBe(0);
    await nothingLeftOf(group);
  });

  it.skipIf(!PARENT_DEATH_SIGNALS)(
    'leaves nothing running when it is killed with SIGKILL and cannot stop them itself',
    async () => {
      const group = await launch();
      await until(() => group.stdout().includes('Arena cluster: 2'), 30_000, 'the banner');
      group.child.kill('SIGKILL');
      await group.exited;
      // The kernel sends each SIGTERM: the servers shut down as they would on Ctrl-C, waiting
      // a few seconds for the Redis that ended with them.
      await nothingLeftOf(group, 20_000);
    },
  );
});

describe('cluster launcher asked for help', { timeout: 30_000 }, () => {
  it('prints its usage on stdout and exits 0, starting nothing', async () => {
    const group = await launch('--help');
    expect((await group.exited).code).toBe(0);
    expect(group.stdout()).toMatch(/^usage: npm run cluster -- /);
    expect(group.stderr()).toBe('');
    await nothingLeftOf(group);
  });
});

describe('server fleet', { timeout: 30_000 }, () => {
  it('does not restart a server that refuses its configuration, and says why', async () => {
    const lines: string[] = [];
    const fleet = new ServerFleet({
      redisUrl: 'redis://127.0.0.1:1',
      args: ['--bogus'],
      command: [...FROM_SOURCE, join(REPO_ROOT, 'apps/server/src/main.ts')],
      log: (line) => lines.push(line),
      logError: (line) => lines.push(line),
      onFatal: () => undefined,
    });
    const started = fleet.startAll(1);
    const error = await started.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerExitError);
    expect((error as ServerExitError).exitCode).toBe(EXIT_BAD_CONFIG);
    expect((error as ServerExitError).message).toContain('arena: unknown flag --bogus');
    // A second later a restarting fleet would have started the server again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(lines.filter((l) => l.includes('server process'))).toHaveLength(1);
    await fleet.stop();
  });
});

describe('cluster launcher restarts', () => {
  it('waits longer each time a server process ends soon after it started', async () => {
    const lines: string[] = [];
    // A process that answers /healthz, then dies half a second later, every time.
    const crashSoon = `require('node:http').createServer((q, r) => r.end('ok'))
      .listen(Number(process.env.PORT), '127.0.0.1', () => setTimeout(() => process.exit(1), 500))`;
    const fleet = new ServerFleet({
      redisUrl: 'redis://127.0.0.1:1',
      args: [],
      command: ['-e', crashSoon],
      log: (line) => lines.push(line),
      logError: (line) => lines.push(line),
      onFatal: () => undefined,
    });
    try {
      await fleet.startAll(1);
      await until(() => lines.some((l) => l.includes('again in 2 s')), 10_000, 'a second restart');
      expect(lines.filter((l) => l.includes('starting it again'))).toEqual([
        '[1] exited (1); starting it again in 1 s',
        '[1] exited (1); starting it again in 2 s (it ended 2 times in a row within 30 s of starting)',
      ]);
    } finally {
      await fleet.stop();
    }
  }, 20_000);
});

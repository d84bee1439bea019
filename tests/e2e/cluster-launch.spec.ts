/**
 * `npm run cluster`'s launcher as a newcomer runs it: a redis-server of its own, two server
 * processes, one port in front. A tab on WebSocket and a tab without WebSocket (long-polling,
 * which needs the front port's stickiness) play in one room through it; stopping the launcher
 * stops every process it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';
import { expect } from './expect.js';
import { SKIP_WITHOUT_REDIS } from '../support/redis-process.js';
import { freePort } from '@arena/devkit';
import { arenaView, createRoom, moveAndWatch, openPlayer, waitForPlayers } from './arena-page.js';
import { useCanvasRenderer } from './spec-setup.js';

// What this file checks does not depend on the renderer, and Canvas tabs load and play
// faster than software WebGL ones here (two-tabs.spec.ts covers WebGL).
useCanvasRenderer();

const LAUNCHER = fileURLToPath(
  new URL('../../apps/server/dist/launch/cluster-launch.js', import.meta.url),
);

test.skip(SKIP_WITHOUT_REDIS, 'redis-server is not installed (apt-get install redis-server)');

let launcher: ChildProcess | undefined;
let output = '';

test.afterEach(() => {
  if (launcher?.exitCode === null) launcher.kill('SIGKILL');
});

/** Every PID the launcher said it started. */
function startedPids(): number[] {
  return [...output.matchAll(/(?:server process|redis-server) (\d+)/g)].map((m) => Number(m[1]));
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a cluster behind one port: WebSocket and long-polling tabs play together', async ({
  browser,
}) => {
  const port = await freePort();
  launcher = spawn(
    process.execPath,
    [LAUNCHER, '--processes', '2', '--port', String(port), '--host', '127.0.0.1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await expect
    .poll(() => output, { timeout: 60_000 })
    .toContain('Arena cluster: 2 server processes');
  const url = `http://127.0.0.1:${port}`;

  const host = await openPlayer(browser, url, 'Ada');
  const code = await createRoom(host, { isPublic: false });
  // A browser without WebSocket: every request of its connection must reach one process.
  const polling = await browser.newContext();
  await polling.addInitScript(() => {
    delete (window as { WebSocket?: unknown }).WebSocket;
  });
  await polling.addInitScript(() => localStorage.setItem('arena.name', 'Bob'));
  const guest = await polling.newPage();
  await guest.goto(`${url}/?room=${code}`);
  await waitForPlayers(guest, 2);
  await waitForPlayers(host, 2);
  expect((await arenaView(guest)).transport).toBe('polling');
  const guestId = (await arenaView(guest)).selfId!;
  await moveAndWatch(guest, host, guestId, 'x');
  await Promise.all([host.context().close(), polling.close()]);

  const pids = startedPids();
  expect(pids).toHaveLength(3);
  launcher.kill('SIGTERM');
  await new Promise((resolve) => launcher!.once('exit', resolve));
  for (const pid of pids) expect(running(pid), `process ${pid}`).toBe(false);
});

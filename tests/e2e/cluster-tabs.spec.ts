/**
 * Two browser tabs on two server processes of one cluster (two ports, one Redis): the second
 * opens the first one's share link on the other process, and both play in the same room,
 * each seeing the other move, and chat with each other.
 */
import { test } from '@playwright/test';
import { expect } from './expect.js';
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { startRedis, SKIP_WITHOUT_REDIS, type RedisServer } from '../support/redis-process.js';
import {
  arenaView,
  createRoom,
  moveAndWatch,
  openPlayer,
  sendChat,
  waitForPlayers,
} from './arena-page.js';
import { useCanvasRenderer } from './spec-setup.js';

// What this file checks does not depend on the renderer, and Canvas tabs load and play
// faster than software WebGL ones here (two-tabs.spec.ts covers WebGL).
useCanvasRenderer();

let redis: RedisServer;
let servers: ServerProcess[] = [];

test.skip(SKIP_WITHOUT_REDIS, 'redis-server is not installed (apt-get install redis-server)');

test.beforeAll(async () => {
  redis = await startRedis();
  servers = await Promise.all(
    [1, 2].map(() =>
      startServerProcess({ from: 'dist', env: { REDIS_URL: redis.url }, timeoutMs: 60_000 }),
    ),
  );
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await redis?.stop();
});

test('two tabs on two processes play in one room', async ({ browser }) => {
  const [a, b] = servers as [ServerProcess, ServerProcess];
  const host = await openPlayer(browser, a.url, 'Ada');
  const code = await createRoom(host, { isPublic: false });
  const guest = await openPlayer(browser, `${b.url}/?room=${code}`, 'Bob');
  await waitForPlayers(guest, 2);
  await waitForPlayers(host, 2);
  expect((await arenaView(guest)).roomCode).toBe(code);

  const hostId = (await arenaView(host)).selfId!;
  const guestId = (await arenaView(guest)).selfId!;
  await moveAndWatch(host, guest, hostId, 'x');
  await moveAndWatch(guest, host, guestId, 'y');

  await sendChat(guest, 'hello from the other process');
  await expect(host.locator('#chat-log .chat-text').last()).toHaveText(
    'hello from the other process',
  );
  await Promise.all([host.context().close(), guest.context().close()]);
});

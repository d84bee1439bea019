/**
 * Coming back to a room: after a server restart (the room is gone: back to the lobby with the
 * reason, never a dead room), after a reload in the middle of a game (the seat comes back,
 * and no join races it), and through a share link opened on a device without a name yet.
 */
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { test, type Page } from '@playwright/test';
import { expect } from './expect.js';
import {
  arenaView,
  createRoom,
  moveAndWatch,
  openPlayer,
  serverCounter,
  waitForPlayers,
} from './arena-page.js';
import { useCanvasRenderer } from './spec-setup.js';

// What this file checks does not depend on the renderer, and Canvas tabs load and play
// faster than software WebGL ones here (two-tabs.spec.ts covers WebGL).
useCanvasRenderer();

const pages: Page[] = [];

test.afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.context().close()));
});

function errorsSent(server: ServerProcess, code: string): Promise<number> {
  return serverCounter(server.url, 'arena_errors_sent_total', 'code', code);
}

/**
 * Stops the server (SIGTERM: a host's restart; SIGKILL: a crash) and starts a new one on the
 * same port, as a process manager would: the new one knows nothing of the old one's rooms.
 */
async function restart(server: ServerProcess, signal: 'SIGTERM' | 'SIGKILL') {
  await (signal === 'SIGTERM' ? server.stop() : server.kill());
  return startServerProcess({ from: 'dist', port: Number(new URL(server.url).port) });
}

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
  test(`a server restart (${signal}) under a tab sends it back to the lobby, saying why`, async ({
    browser,
  }) => {
    let server = await startServerProcess({ from: 'dist' });
    try {
      const page = await openPlayer(browser, server.url, 'Rex');
      pages.push(page);
      const code = await createRoom(page, { isPublic: false });
      await waitForPlayers(page, 1);

      // Without Redis a restarted server knows no rooms: our seat token finds nothing.
      server = await restart(server, signal);
      await expect(page.locator('#lobby')).toBeVisible({ timeout: 30_000 });
      await expect(page.locator('#lobby-message')).toHaveText(
        `Room ${code} is gone (the server restarted or everyone left). Create or join another.`,
      );
      expect(await arenaView(page)).toMatchObject({ roomCode: null, connection: 'open' });
      expect(new URL(page.url()).searchParams.get('room')).toBeNull();
      await expect(page.locator('#room-bar')).toBeHidden();
      // Not one input was sent into a room that no longer exists.
      expect(await errorsSent(server, 'NOT_IN_ROOM')).toBe(0);

      // And the lobby works: a new room on the new server, and still no input went astray.
      await createRoom(page, { isPublic: false });
      await waitForPlayers(page, 1);
      expect(await errorsSent(server, 'NOT_IN_ROOM')).toBe(0);
    } finally {
      await server.stop();
    }
  });
}

test.describe('with one server', () => {
  let server: ServerProcess;
  test.beforeAll(async () => {
    server = await startServerProcess({ from: 'dist' });
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test('a reload in the middle of a game gives the seat back, and no join races it', async ({
    browser,
  }) => {
    const host = await openPlayer(browser, server.url, 'Hal');
    const guest = await openPlayer(browser, server.url, 'Gus');
    pages.push(host, guest);
    const code = await createRoom(host, { isPublic: false });
    await guest.goto(`${server.url}/?room=${code}`);
    await waitForPlayers(host, 2);
    const { selfId } = await arenaView(guest);
    expect(new URL(guest.url()).searchParams.get('room')).toBe(code);

    const refusedBefore = await errorsSent(server, 'ALREADY_IN_ROOM');
    await guest.reload();
    await expect.poll(async () => (await arenaView(guest)).roomCode).toBe(code);
    expect((await arenaView(guest)).selfId).toBe(selfId);
    await waitForPlayers(guest, 2);
    // The address bar's ?room= and the seat token both lead back here: only one may act.
    expect(await errorsSent(server, 'ALREADY_IN_ROOM')).toBe(refusedBefore);
    await expect(guest.locator('#toast')).toBeHidden();
    await moveAndWatch(guest, host, selfId!, 'y');
  });

  test('a share link keeps its room in the address bar while the newcomer picks a name', async ({
    browser,
  }) => {
    const host = await openPlayer(browser, server.url, 'Ida');
    pages.push(host);
    const code = await createRoom(host, { isPublic: false });
    const link = (await host.inputValue('#share-link')).replace(/^https?:\/\/[^/]+/, server.url);

    const newcomer = await openPlayer(browser, link, null);
    pages.push(newcomer);
    await expect(newcomer.locator('#lobby-message')).toContainText(code);
    expect(new URL(newcomer.url()).searchParams.get('room')).toBe(code);
    // A reload while still choosing a name keeps the invitation.
    await newcomer.reload();
    await expect(newcomer.locator('#lobby-message')).toContainText(code);
    expect(new URL(newcomer.url()).searchParams.get('room')).toBe(code);
    await newcomer.fill('#player-name', 'Jo');
    await newcomer.press('#player-name', 'Enter');
    await expect.poll(async () => (await arenaView(newcomer)).roomCode).toBe(code);
    await waitForPlayers(host, 2);
  });
});

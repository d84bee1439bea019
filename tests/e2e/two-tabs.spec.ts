/**
 * Two players in two browser contexts: one creates a room, the other opens the share link,
 * and keys pressed in one tab move that player in the other tab's view. Both tabs draw with
 * Canvas: two tabs of software WebGL draw a few frames a second on a small CI machine, and a
 * player steered at that rate overshoots and circles. One tab alone checks WebGL.
 */
import { test, type Browser, type Page } from '@playwright/test';
import { expect } from './expect.js';
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import {
  arenaView,
  drawnPlayer,
  openPlayer,
  selfPlayer,
  towardRoom,
  steer,
  waitForPlayers,
} from './arena-page.js';

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess({ from: 'dist' });
});

test.afterAll(async () => {
  await server.stop();
});

async function hostAndGuest(browser: Browser): Promise<{ host: Page; guest: Page; code: string }> {
  const host = await openPlayer(browser, `${server.url}/?renderer=canvas`, 'Ada');
  await host.click('#create-room');
  await expect.poll(async () => (await arenaView(host)).roomCode).toMatch(/^[A-Z2-9]{5}$/);
  const link = await host.inputValue('#share-link');
  const code = (await arenaView(host)).roomCode!;
  expect(link).toContain(`room=${code}`);
  // The guest opens the link on a fresh device: no name yet, so it is asked for one first.
  const guestUrl = `${link.replace(/^https?:\/\/[^/]+/, server.url)}&renderer=canvas`;
  const guest = await openPlayer(browser, guestUrl, null);
  await expect(guest.locator('#lobby-message')).toContainText(code);
  await guest.fill('#player-name', 'Bob');
  await guest.press('#player-name', 'Enter');
  return { host, guest, code };
}

test('a second tab joins by link and sees the first player move', async ({ browser }) => {
  const { host, guest, code } = await hostAndGuest(browser);
  await waitForPlayers(guest, 2);
  await waitForPlayers(host, 2);
  expect((await arenaView(guest)).roomCode).toBe(code);
  const hostId = (await arenaView(host)).selfId!;
  // The guest's camera follows the guest: the host first walks into its view (above or below
  // it, with room to walk right), or the picture may not change for a host off its screen.
  const guestAt = await selfPlayer(guest);
  const aside = guestAt.y > 300 ? -140 : 140;
  await steer(host, { x: Math.min(guestAt.x, 1300), y: guestAt.y + aside, within: 20 });
  // Until the host stands still and the guest draws it there (it slides to a stop, and is
  // drawn a little late). The guest's drawing alone could hold still while the host slides,
  // in a stretch where the guest's tab draws no frame.
  const unsettled = async () => {
    const a = await selfPlayer(host);
    await host.waitForTimeout(250);
    const b = await selfPlayer(host);
    const drawn = await drawnPlayer(guest, hostId);
    return Math.max(Math.hypot(b.x - a.x, b.y - a.y), Math.hypot(drawn.x - b.x, drawn.y - b.y));
  };
  await expect.poll(unsettled, { timeout: 10_000 }).toBeLessThan(0.5);
  const before = await drawnPlayer(guest, hostId);

  const canvasBefore = await guest.locator('#game canvas').screenshot();
  await host.keyboard.down('ArrowRight');
  await expect
    .poll(async () => (await drawnPlayer(guest, hostId)).x, { timeout: 10_000 })
    .toBeGreaterThan(before.x + 60);
  await host.keyboard.up('ArrowRight');
  const after = await drawnPlayer(guest, hostId);
  const hostSays = `the host's own y ${before.y} -> ${(await selfPlayer(host)).y}`;
  expect(Math.abs(after.y - before.y), hostSays).toBeLessThan(5);
  // The guest's own canvas shows it: the picture changed while the host moved.
  const canvasAfter = await guest.locator('#game canvas').screenshot();
  expect(canvasAfter.equals(canvasBefore)).toBe(false);
  // Names are drawn from the roster, not from HTML.
  expect((await arenaView(guest)).players.map((p) => p.name).sort()).toEqual(['Ada', 'Bob']);
  expect((await arenaView(host)).transport).toBe('websocket');
});

test('a tab draws the game with WebGL where the browser has it', async ({ browser }) => {
  const page = await openPlayer(browser, server.url, 'Ada');
  await page.click('#create-room');
  await waitForPlayers(page, 1);
  await expect(page.locator('#game')).toHaveAttribute('data-renderer', 'webgl');
  const before = await selfPlayer(page);
  const canvasBefore = await page.locator('#game canvas').screenshot();
  const key = towardRoom(before.x) === 1 ? 'ArrowRight' : 'ArrowLeft';
  await page.keyboard.down(key);
  await expect
    .poll(async () => Math.abs((await selfPlayer(page)).x - before.x))
    .toBeGreaterThan(60);
  await page.keyboard.up(key);
  const canvasAfter = await page.locator('#game canvas').screenshot();
  expect(canvasAfter.equals(canvasBefore)).toBe(false);
  await page.context().close();
});

test('/basics.html runs the five WebSocket steps against /echo', async ({ page }) => {
  await page.goto(`${server.url}/basics.html`);
  await expect(page.locator('#log .open')).toHaveCount(1);
  await expect(page.locator('#log .message').first()).toContainText('ping from basics.html');
  await page.fill('#text', '<b>not bold</b>');
  await page.click('#send');
  await expect(page.locator('#log .message').nth(1)).toContainText('<b>not bold</b>');
  await page.click('#close');
  await expect(page.locator('#log .close')).toContainText('1000');
});

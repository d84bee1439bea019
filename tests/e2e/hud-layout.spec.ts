/**
 * The arena and the HUD share the screen: on a desktop and on a phone, the top bar, the score
 * and leaderboard, and the chat sit beside the canvas, never on it, and the round-over
 * scoreboard fits the canvas. Screenshots of each are attached to the report for a human eye.
 */
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { test, type Page, type TestInfo } from '@playwright/test';
import { expect } from './expect.js';
import { useCanvasRenderer } from './spec-setup.js';
import {
  arenaView,
  createRoom,
  openPhone,
  openPlayer,
  overlaps,
  sendChat,
  waitForPlayers,
  type Box,
} from './arena-page.js';

useCanvasRenderer();

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess({
    from: 'dist',
    env: { ROUND_SECONDS: '12', INTERMISSION_SECONDS: '8' },
  });
});

test.afterAll(async () => {
  await server.stop();
});

async function box(page: Page, selector: string): Promise<Box> {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`${selector} is not shown`);
  return found;
}

/** The panels the canvas lies under, with the boxes, for the message. */
async function panelsOverCanvas(page: Page): Promise<string[]> {
  const canvas = await box(page, '#game canvas');
  const under: string[] = [];
  for (const panel of ['#topbar', '#hud', '#chat']) {
    const panelBox = await box(page, panel);
    if (overlaps(canvas, panelBox)) under.push(JSON.stringify({ canvas, [panel]: panelBox }));
  }
  return under;
}

/** The canvas overlaps none of the page's panels, and keeps at least `share` of the screen. */
async function expectArenaToItself(page: Page, share: number): Promise<void> {
  // Layout settles a frame after a change (the canvas follows its container): poll.
  await expect.poll(() => panelsOverCanvas(page)).toEqual([]);
  const canvas = await box(page, '#game canvas');
  const viewport = page.viewportSize()!;
  const screenShare = (canvas.width * canvas.height) / (viewport.width * viewport.height);
  expect(screenShare).toBeGreaterThanOrEqual(share);
}

/** A screenshot kept in the test's output folder (tests/test-results/…) and in the report. */
async function attach(testInfo: TestInfo, page: Page, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name.replaceAll(' ', '-')}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('the camera and the HUD share the screen on a desktop and on a phone', async ({
  browser,
}, testInfo) => {
  const desk = await openPlayer(browser, server.url, 'Ada');
  await desk.setViewportSize({ width: 1280, height: 800 });
  const code = await createRoom(desk, { isPublic: false });
  const phone = await openPhone(browser, `${server.url}/?room=${code}`, 'Pip');
  try {
    await waitForPlayers(desk, 2);
    await sendChat(desk, 'a line of chat that is long enough to wrap on a narrow phone screen');
    await expect(phone.locator('#chat-log li')).toHaveCount(1);
    await phone.touchscreen.tap(100, 300);
    await expect(phone.locator('#touch-controls')).toBeVisible();
    await expect(desk.locator('#leaderboard li')).toHaveCount(2);
    await expect(phone.locator('#leaderboard li')).toHaveCount(2);

    await expectArenaToItself(desk, 0.65);
    await expectArenaToItself(phone, 0.75);
    // The thumbs' controls lie on the arena, as in any phone game, and inside it.
    const canvas = await box(phone, '#game canvas');
    const controls = await box(phone, '#touch-controls');
    expect(controls.y + controls.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
    await attach(testInfo, desk, 'desktop playing');
    await attach(testInfo, phone, 'phone playing');

    // The round ends: its scoreboard is drawn inside the canvas, beside the leaderboard.
    for (const page of [desk, phone]) {
      await expect
        .poll(async () => (await arenaView(page)).scoreboard, { timeout: 20_000 })
        .not.toBeNull();
    }
    await expectArenaToItself(desk, 0.65);
    await expectArenaToItself(phone, 0.75);
    await attach(testInfo, desk, 'desktop round over');
    await attach(testInfo, phone, 'phone round over');
  } finally {
    await Promise.all([desk.context().close(), phone.context().close()]);
  }
});

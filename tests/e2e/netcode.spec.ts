/**
 * The netcode in a real browser over the page's own link simulator (`?lag=200`: 200 ms each
 * way, so a round trip of at least 400 ms): the local player moves before any snapshot has
 * acknowledged the key, and the Net HUD (F3, N or its button) shows the round trip.
 */
import type { ArenaTestView } from '@arena/client/test-view';
import { test, type Page } from '@playwright/test';
import { expect } from './expect.js';
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { arenaView, createRoom, openPlayer, waitUntilStill } from './arena-page.js';
import { useCanvasRenderer } from './spec-setup.js';

// A probe that looks at every frame needs the frames software WebGL cannot draw here.
useCanvasRenderer();

const LAG_MS = 200;

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess({ from: 'dist' });
});

test.afterAll(async () => {
  await server.stop();
});

/** What the page showed on one animation frame. */
interface ProbeFrame {
  t: number;
  predicted: { x: number; y: number } | null;
  server: { x: number; y: number } | null;
  drawnX: number | null;
  ackedSeq: number;
  sentSeq: number;
}

interface ProbeWindow {
  __arena: ArenaTestView;
  __probe?: ProbeFrame[];
}

/**
 * Records `window.__arena` on every animation frame from now on, in the page itself; returns
 * once a few frames are in, so the first ones are known to come before what the test does.
 */
async function startProbe(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const w = window as unknown as ProbeWindow;
    const frames: ProbeFrame[] = [];
    w.__probe = frames;
    let recorded: () => void = () => {};
    const settled = new Promise<void>((resolve) => (recorded = resolve));
    const record = (t: number) => {
      const a = w.__arena;
      const self = a.players.find((p) => p.id === a.selfId);
      frames.push({
        t,
        predicted: a.predicted,
        server: a.server,
        drawnX: self?.x ?? null,
        ackedSeq: a.lastAckedSeq,
        sentSeq: a.lastSentSeq,
      });
      if (frames.length === 3) recorded();
      requestAnimationFrame(record);
    };
    requestAnimationFrame(record);
    await settled;
  });
}

async function probeFrames(page: Page): Promise<ProbeFrame[]> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__probe ?? []);
}

async function openLaggyRoom(page: Page): Promise<void> {
  expect((await arenaView(page)).link).toEqual({ lagMs: LAG_MS, jitterMs: 0, stallPercent: 0 });
  await expect(page.locator('#status')).toContainText(`simulated link: +${LAG_MS} ms each way`);
  await createRoom(page, { isPublic: false });
}

test('with ?lag=200 the local player moves before any snapshot acknowledged the key', async ({
  browser,
}) => {
  const page = await openPlayer(browser, `${server.url}/?lag=${LAG_MS}`, 'Lagos');
  await openLaggyRoom(page);
  const start = await waitUntilStill(page);
  await expect.poll(async () => (await arenaView(page)).predicted).toEqual(start);

  await startProbe(page);
  await page.keyboard.down('ArrowRight');
  await expect.poll(async () => (await arenaView(page)).server!.x - start.x).toBeGreaterThan(20);
  await page.keyboard.up('ArrowRight');
  const frames = await probeFrames(page);

  const moved = frames.findIndex((f) => f.predicted !== null && f.predicted.x > start.x);
  expect(moved).toBeGreaterThan(0);
  const [before, first] = [frames[moved - 1]!, frames[moved]!];
  // Every input up to `before.sentSeq` held nothing, so the first one that moved us came
  // later; the server had acknowledged none of those, and had not moved us either.
  expect(first.ackedSeq).toBeLessThanOrEqual(before.sentSeq);
  expect(first.server).toEqual(start);
  expect(first.drawnX!).toBeGreaterThan(start.x);
  // The server's word came a round trip (2 × 200 ms) later.
  const serverMoved = frames.find((f) => f.server !== null && f.server.x > start.x);
  expect(serverMoved!.t - first.t).toBeGreaterThan(2 * LAG_MS - 50);
});

test('the Net HUD toggles with N, F3 and its button and shows the simulated round trip', async ({
  browser,
}) => {
  const page = await openPlayer(browser, `${server.url}/?lag=${LAG_MS}`, 'Hudson');
  await openLaggyRoom(page);
  const hud = page.locator('#net-hud');
  await expect(hud).toBeHidden();

  await page.keyboard.press('KeyN');
  await expect(hud).toBeVisible();
  await expect(hud).toContainText('transport websocket');
  await expect(hud).toContainText(`simulated link: +${LAG_MS} ms each way`);
  const hudRtt = async () => Number(/RTT (\d+) ms/.exec((await hud.textContent()) ?? '')?.[1]);
  await expect.poll(hudRtt).toBeGreaterThanOrEqual(2 * LAG_MS);
  const net = (await arenaView(page)).net!;
  expect(net.rttMs!).toBeGreaterThanOrEqual(2 * LAG_MS);
  expect(net.transport).toBe('websocket');
  await expect(hud).toContainText(/server \d+ ticks\/s · \d+ snapshots\/s/);
  // The message counters are for developers: here, and no longer in the player's status line.
  await expect(hud).toContainText(/messages \d+ in \/ \d+ out/);
  await expect(page.locator('#status')).not.toContainText(/\d+ in \/ \d+ out/);

  // An N typed into the chat is text, not a toggle.
  await page.keyboard.press('Enter');
  await page.keyboard.type('n');
  await page.keyboard.press('Escape');
  await expect(hud).toBeVisible();
  await page.keyboard.press('F3');
  await expect(hud).toBeHidden();

  await page.click('#net-hud-toggle');
  await expect(hud).toBeVisible();
  await expect(page.locator('#net-hud-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.click('#net-hud-toggle');
  await expect(hud).toBeHidden();
});

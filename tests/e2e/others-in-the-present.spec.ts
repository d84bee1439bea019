/**
 * How far in the past a tab draws the other players, read from `window.__arena.net` (the Net
 * HUD shows the same), in real browser tabs against the real server. Before extrapolation
 * covered stalls, `?net=far` drew others about 530 ms behind the server with a 400 ms delay,
 * and three tabs sharing one loaded machine each sat at the 500 ms delay cap on loopback,
 * buffering their own frame hitches as if the network had caused them. These tabs keep the
 * default renderer on purpose: software WebGL draws a few frames a second here, the very
 * hitches the delay must not mistake for network jitter.
 */
import type { ArenaTestNet } from '@arena/client/test-view';
import { percentile, startServerProcess, type ServerProcess } from '@arena/devkit';
import { test, type Browser, type Page } from '@playwright/test';
import { expect } from './expect.js';
import { arenaView, createRoom, openPlayer, waitForPlayers } from './arena-page.js';

/** `?net=far`: 150 ± 30 ms each way, 1% stalls. */
const FAR_ONE_WAY_MS = 150;
/** The delay's cap (`INTERP_MAX_DELAY_MS`). */
const DELAY_CAP_MS = 500;

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess({ from: 'dist' });
});

test.afterAll(async () => {
  await server.stop();
});

/** A room of `count` tabs, each in its own browser context, every URL with `query`. */
async function roomOf(browser: Browser, count: number, query = ''): Promise<Page[]> {
  const host = await openPlayer(browser, `${server.url}/${query ? `?${query}` : ''}`, 'Host');
  const code = await createRoom(host, { isPublic: false });
  const pages = [host];
  for (let n = 1; n < count; n++) {
    const url = `${server.url}/?room=${code}${query ? `&${query}` : ''}`;
    pages.push(await openPlayer(browser, url, `Guest ${n}`));
  }
  for (const page of pages) await waitForPlayers(page, count);
  return pages;
}

/** Each page's `net` view, read every `everyMs` for `forMs`, once the clock is synced. */
async function sampleNet(pages: Page[], forMs: number, everyMs = 250): Promise<ArenaTestNet[][]> {
  for (const page of pages) {
    await expect
      .poll(async () => (await arenaView(page)).net?.othersBehindServerMs ?? null)
      .not.toBeNull();
  }
  const samples: ArenaTestNet[][] = pages.map(() => []);
  for (let t = 0; t < forMs; t += everyMs) {
    for (const [i, page] of pages.entries()) {
      const net = (await arenaView(page)).net;
      if (net) samples[i]!.push(net);
    }
    await pages[0]!.waitForTimeout(everyMs);
  }
  return samples;
}

const median = (values: number[]) => percentile(values, 0.5);

function describeTab(samples: ArenaTestNet[]): { behind: number; delay: number; maxDelay: number } {
  return {
    behind: median(samples.map((n) => n.othersBehindServerMs!)),
    delay: median(samples.map((n) => n.interpDelayMs)),
    maxDelay: Math.max(...samples.map((n) => n.interpDelayMs)),
  };
}

test('at ?net=far others are drawn about one way plus a short buffer behind the server', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const [host] = await roomOf(browser, 2, 'net=far');
  await host!.waitForTimeout(5000);
  const [samples] = await sampleNet([host!], 8000);
  const tab = describeTab(samples!);
  console.log(`?net=far: ${JSON.stringify(tab)}`);
  // Slack over netlab's targets (delay ≤ 150, behind ≤ one way + 150) for timers and frames
  // on a loaded machine; still well short of the 400 / 530 ms the buffer-the-stall design had.
  expect(tab.delay).toBeLessThan(250);
  expect(tab.behind).toBeLessThan(FAR_ONE_WAY_MS + 250);
  await host!.keyboard.press('KeyN');
  await expect(host!.locator('#net-hud')).toContainText(/others drawn \d+ ms behind the server/);
});

test('three tabs on one machine keep their delay far below its cap on loopback', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const pages = await roomOf(browser, 3);
  await pages[0]!.waitForTimeout(5000);
  const samples = await sampleNet(pages, 8000);
  for (const [i, tabSamples] of samples.entries()) {
    const tab = describeTab(tabSamples);
    console.log(`tab ${i} on loopback: ${JSON.stringify(tab)}`);
    expect(tab.delay).toBeLessThan(150);
    expect(tab.maxDelay).toBeLessThan(DELAY_CAP_MS);
  }
});

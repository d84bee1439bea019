/** Browser-test helpers: open a player in its own context, read `window.__arena`. */
import { expect, type Browser, type Page } from '@playwright/test';

export interface ArenaView {
  connection: string;
  transport: string | null;
  selfId: number | null;
  roomCode: string | null;
  players: { id: number; name: string; x: number; y: number; score: number }[];
  predicted: { x: number; y: number } | null;
  server: { x: number; y: number } | null;
  snapshotsReceived: number;
}

/** A new browser context (its own storage: another device), with a remembered name if given. */
export async function openPlayer(browser: Browser, url: string, name: string | null): Promise<Page> {
  const context = await browser.newContext();
  if (name) {
    await context.addInitScript((n) => {
      if (!localStorage.getItem('arena.name')) localStorage.setItem('arena.name', n);
    }, name);
  }
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  await expect.poll(async () => (await arenaView(page)).connection).toBe('open');
  return page;
}

export async function arenaView(page: Page): Promise<ArenaView> {
  return page.evaluate(() => JSON.parse(JSON.stringify((window as { __arena?: unknown }).__arena ?? null)) as ArenaView);
}

export async function waitForPlayers(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await arenaView(page)).players.length).toBe(count);
}

export async function drawnPlayer(page: Page, id: number) {
  const player = (await arenaView(page)).players.find((p) => p.id === id);
  if (!player) throw new Error(`player ${id} is not drawn`);
  return player;
}

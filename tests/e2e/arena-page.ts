/** Browser-test helpers: open a player in its own context, read `window.__arena`. */
import type { ArenaTestLobbyRoom, ArenaTestPlayer, ArenaTestView } from '@arena/client/test-view';
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
import type { Browser, Page } from '@playwright/test';
import { expect } from './expect.js';

/** `window.__arena` as read from a page: plain data of the client's own test-view type. */
export type ArenaView = ArenaTestView;
export type LobbyRoomView = ArenaTestLobbyRoom;
export type DrawnPlayerView = ArenaTestPlayer;

/** A new browser context (its own storage: another device), with a remembered name if given. */
export async function openPlayer(
  browser: Browser,
  url: string,
  name: string | null,
): Promise<Page> {
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
  return page.evaluate(() => JSON.parse(JSON.stringify(window.__arena ?? null)) as ArenaView);
}

export async function waitForPlayers(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await arenaView(page)).players.length).toBe(count);
}

export async function drawnPlayer(page: Page, id: number) {
  const player = (await arenaView(page)).players.find((p) => p.id === id);
  if (!player) throw new Error(`player ${id} is not drawn`);
  return player;
}

/** Creates a room from the lobby (public unless told otherwise) and returns its code. */
export async function createRoom(
  page: Page,
  options: { roomName?: string; isPublic?: boolean } = {},
): Promise<string> {
  if (options.roomName !== undefined) await page.fill('#room-name', options.roomName);
  await page.setChecked('#room-public', options.isPublic ?? true);
  await page.click('#create-room');
  await expect.poll(async () => (await arenaView(page)).roomCode).toMatch(/^[A-Z2-9]{5}$/);
  return (await arenaView(page)).roomCode!;
}

/** The row of a room in the lobby's public list. */
export function lobbyRow(page: Page, code: string) {
  return page.locator(`#room-list li[data-code="${code}"]`);
}

/** The room as this tab's lobby list reports it (undefined while not listed). */
export async function lobbyEntry(page: Page, code: string): Promise<LobbyRoomView | undefined> {
  return (await arenaView(page)).lobbyRooms.find((room) => room.code === code);
}

/** Sends a chat line the way a player does: Enter opens the field, typing, Enter sends. */
export async function sendChat(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Enter');
  await expect(page.locator('#chat-input')).toBeFocused();
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  await expect(page.locator('#chat-input')).not.toBeFocused();
}

/**
 * The way along `axis` from `at` with more room (1: toward larger coordinates, −1: smaller):
 * players spawn anywhere, some a few pixels from a wall.
 */
export function towardRoom(at: number, axis: 'x' | 'y' = 'x'): 1 | -1 {
  const size = axis === 'x' ? DEFAULT_SIM_CONFIG.arenaWidth : DEFAULT_SIM_CONFIG.arenaHeight;
  return at < size / 2 ? 1 : -1;
}

/**
 * Holds an arrow key in `mover` until `watcher` draws player `id` at least `distance` px further
 * along `axis`, then lets go. It walks toward the far wall: a player seated near a wall could
 * not move that far toward it.
 */
export async function moveAndWatch(
  mover: Page,
  watcher: Page,
  id: number,
  axis: 'x' | 'y',
  distance = 60,
): Promise<void> {
  const start = (await drawnPlayer(watcher, id))[axis];
  const forward = towardRoom(start, axis) === 1;
  const key = { x: ['ArrowLeft', 'ArrowRight'], y: ['ArrowUp', 'ArrowDown'] }[axis][
    forward ? 1 : 0
  ]!;
  await mover.keyboard.down(key);
  try {
    await expect
      .poll(async () => ((await drawnPlayer(watcher, id))[axis] - start) * (forward ? 1 : -1))
      .toBeGreaterThan(distance);
  } finally {
    await mover.keyboard.up(key);
  }
}

/** Waits until this tab's own player has stopped (after a move, friction needs a moment). */
export async function waitUntilStill(page: Page): Promise<{ x: number; y: number }> {
  let last = { x: NaN, y: NaN };
  await expect
    .poll(async () => {
      const now = (await arenaView(page)).server ?? { x: NaN, y: NaN };
      const still = Math.hypot(now.x - last.x, now.y - last.y) < 0.5;
      last = now;
      return still;
    })
    .toBe(true);
  return last;
}

/** One labelled counter from the server's Prometheus `/metrics` (0 when never counted). */
export async function serverCounter(
  url: string,
  name: string,
  label: string,
  value: string,
): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${label}="${value}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** A phone: small portrait screen, touch, its own context; a remembered name. */
export async function openPhone(browser: Browser, url: string, name: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  await context.addInitScript((n) => localStorage.setItem('arena.name', n), name);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  await expect.poll(async () => (await arenaView(page)).connection).toBe('open');
  return page;
}

/** Whether two boxes on the page overlap. */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Our own player as this tab draws it. */
export async function selfPlayer(page: Page): Promise<DrawnPlayerView> {
  const view = await arenaView(page);
  const self = view.players.find((p) => p.id === view.selfId);
  if (!self) throw new Error('this tab has no player drawn');
  return self;
}

/** Where `steer` drives to: a point (and stop there), or the nearest coin (until scored). */
export type SteerGoal = { x: number; y: number; within: number } | 'nearest-coin';

/**
 * Drives our player with the arrow keys until it reaches `goal`. It runs inside the page, once
 * per animation frame, dispatching the same keydown/keyup events a keyboard does: a test that
 * steered from outside, a round trip per correction, would overshoot and circle. On each axis
 * it holds the key toward the goal while the goal is further than the player would coast.
 */
export async function steer(page: Page, goal: SteerGoal, timeoutMs = 20_000): Promise<void> {
  await page.evaluate(
    async ({ goal, timeoutMs }) => {
      type View = {
        selfId: number;
        players: { id: number; x: number; y: number; score: number }[];
        coins: { x: number; y: number }[];
        round: { phase: string } | null;
      };
      const view = () => (window as unknown as { __arena: View }).__arena;
      const self = () => view().players.find((p) => p.id === view().selfId)!;
      const keys = { x: ['ArrowLeft', 'ArrowRight'], y: ['ArrowUp', 'ArrowDown'] } as const;
      const held = new Set<string>();
      const press = (code: string, down: boolean) => {
        if (held.has(code) === down) return;
        if (down) held.add(code);
        else held.delete(code);
        window.dispatchEvent(new KeyboardEvent(down ? 'keydown' : 'keyup', { code }));
      };
      const startScore = self().score;
      const deadline = performance.now() + timeoutMs;
      let last = { x: self().x, y: self().y, atMs: performance.now() };
      const target = () => {
        if (goal !== 'nearest-coin') return goal;
        const me = self();
        const near = [...view().coins].sort(
          (a, b) => Math.hypot(a.x - me.x, a.y - me.y) - Math.hypot(b.x - me.x, b.y - me.y),
        )[0];
        return { x: near?.x ?? me.x, y: near?.y ?? me.y, within: 0 };
      };
      try {
        for (;;) {
          await new Promise(requestAnimationFrame);
          if (performance.now() > deadline) throw new Error('did not get there in time');
          const me = self();
          const nowMs = performance.now();
          const seconds = Math.max(0.001, (nowMs - last.atMs) / 1000);
          const speed = Math.hypot(me.x - last.x, me.y - last.y) / seconds;
          const to = target();
          if (goal === 'nearest-coin' && me.score > startScore) return;
          // A round that ends clears the field: there is no coin left to chase.
          if (goal === 'nearest-coin' && view().round?.phase === 'intermission') return;
          const close = Math.abs(to.x - me.x) <= to.within && Math.abs(to.y - me.y) <= to.within;
          if (goal !== 'nearest-coin' && close && speed < 30) return;
          for (const axis of ['x', 'y'] as const) {
            const distance = to[axis] - me[axis];
            const toward = ((me[axis] - last[axis]) / seconds) * Math.sign(distance);
            // Friction stops a released player within about speed / 8 px (see the sim).
            const push = Math.abs(distance) > 2 + Math.max(0, toward) / 8;
            press(keys[axis][1], push && distance > 0);
            press(keys[axis][0], push && distance < 0);
          }
          last = { x: me.x, y: me.y, atMs: nowMs };
        }
      } finally {
        for (const code of [...held]) press(code, false);
      }
    },
    { goal, timeoutMs },
  );
}

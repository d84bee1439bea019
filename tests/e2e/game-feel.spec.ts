/**
 * How the game feels to the players: quick taps are never lost, coins and hits are seen and
 * heard (and silent once muted, remembered), names stay readable in a crowd, colours differ,
 * and the leaderboard fits a room of any size.
 */
import { PROTOCOL_VERSION, wireParser } from '@arena/shared/protocol';
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { test, type Browser, type Page } from '@playwright/test';
import { expect } from './expect.js';
import { io, type Socket } from 'socket.io-client';
import { serverPerFile, useCanvasRenderer } from './spec-setup.js';
import {
  arenaView,
  createRoom,
  openPhone,
  openPlayer,
  selfPlayer,
  towardRoom,
  steer,
  waitForPlayers,
} from './arena-page.js';

useCanvasRenderer();
const spec = serverPerFile();
const pages = spec.pages;
const open = (browser: Browser, name: string, path = '') => spec.open(browser, name, path);

/** Waits until `page` has sent `ticks` more inputs. */
async function inputTicksPass(page: Page, ticks: number): Promise<void> {
  const from = (await arenaView(page)).lastSentSeq;
  await expect
    .poll(async () => (await arenaView(page)).lastSentSeq)
    .toBeGreaterThanOrEqual(from + ticks);
}

async function dashesSeen(page: Page): Promise<number> {
  return (await arenaView(page)).feedback?.dash ?? 0;
}

test('a tap shorter than a frame still dashes: Space, and the DASH button on a phone', async ({
  browser,
}) => {
  const desk = await open(browser, 'Tapper');
  const code = await createRoom(desk, { isPublic: false });
  const phone = await openPhone(browser, `${spec.server.url}/?room=${code}`, 'Thumb');
  pages.push(phone);
  await waitForPlayers(desk, 2);

  // A dash needs a direction: walk right, then tap. Down and up in one task, so no frame can
  // run in between: only a press latched until the next input tick can make it count.
  await desk.keyboard.down('ArrowRight');
  const seenByPhone = await dashesSeen(phone);
  await desk.evaluate(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'Space', key: ' ' }));
    window.dispatchEvent(new KeyboardEvent('keyup', { code: 'Space', key: ' ' }));
  });
  await expect.poll(() => dashesSeen(phone)).toBeGreaterThan(seenByPhone);
  await desk.keyboard.up('ArrowRight');

  // The same on the phone: stick to the right, then a flick of DASH.
  const viewport = phone.viewportSize()!;
  await phone.touchscreen.tap(viewport.width / 2, viewport.height / 3);
  await expect(phone.locator('#touch-controls')).toBeVisible();
  const stick = (await phone.locator('#touch-stick').boundingBox())!;
  await phone.mouse.move(stick.x + stick.width / 2, stick.y + stick.height / 2);
  await phone.mouse.down();
  await phone.mouse.move(stick.x + stick.width, stick.y + stick.height / 2);
  const seenByDesk = await dashesSeen(desk);
  await phone.evaluate(() => {
    const dash = document.getElementById('touch-dash')!;
    dash.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, cancelable: true }));
    dash.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
  });
  await expect.poll(() => dashesSeen(desk)).toBeGreaterThan(seenByDesk);
  await phone.mouse.up();
});

/**
 * Pickups are shown only between two frames that both show a round in play, so a player that
 * spawns on a coin scores it unseen, and `steer` stops at once when that happens after it
 * started. Waits until two such frames have been drawn (a spawn's coin is scored by then).
 */
async function untilPickupsShow(page: Page): Promise<void> {
  await expect.poll(async () => (await arenaView(page)).round?.phase).toBe('playing');
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}

test('a coin picked up bursts and chimes; muted, it is silent, and the choice is remembered', async ({
  browser,
}) => {
  const page = await open(browser, 'Coco');
  await createRoom(page, { isPublic: false });
  // Count from here: one chime for each coin seen picked up.
  await untilPickupsShow(page);
  const before = await arenaView(page);
  await steer(page, 'nearest-coin');
  let view = await arenaView(page);
  const picked = view.feedback!.pickup - before.feedback!.pickup;
  expect(picked).toBeGreaterThanOrEqual(1);
  expect(view.sounds.muted).toBe(false);
  expect(view.sounds.played.coin - before.sounds.played.coin).toBe(picked);

  await page.click('#mute');
  await expect(page.locator('#mute')).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect.poll(async () => (await arenaView(page)).role).toBe('player');
  await expect(page.locator('#mute')).toHaveAttribute('aria-pressed', 'true');
  await untilPickupsShow(page);
  await steer(page, 'nearest-coin');
  view = await arenaView(page);
  expect(view.feedback!.pickup).toBeGreaterThanOrEqual(1);
  expect(view.sounds).toMatchObject({ muted: true, played: { coin: 0 } });
});

function labelsOverlap(a: Label, b: Label): boolean {
  const apart = Math.abs(a.x - b.x) * 2 >= a.width + b.width;
  return !apart && a.bottom > b.bottom - b.height && b.bottom > a.bottom - a.height;
}

type Label = Awaited<ReturnType<typeof arenaView>>['labels'][number];

test('names stay readable when players crowd together, and a dash into someone is a hit both feel', async ({
  browser,
}) => {
  const attacker = await open(browser, 'Alexandrina');
  const code = await createRoom(attacker, { isPublic: false });
  const victim = await open(browser, 'Bartholomew', `/?room=${code}`);
  await waitForPlayers(attacker, 2);
  // Any key is a gesture: browsers start audio only after one.
  await victim.keyboard.press('Shift');
  // Stand right beside the victim (discs 40 apart touch), on the side with room to spare. On
  // the way there the attacker may bump the victim along, even past the spot it aimed for:
  // it aims again until it stands beside a victim at rest.
  const side = towardRoom((await selfPlayer(victim)).x);
  const beside = async (distance: number, within: number) => {
    const at = await selfPlayer(victim);
    return { x: at.x + side * distance, y: at.y, within };
  };
  const standsBeside = async () => {
    const before = await selfPlayer(victim);
    // The steering's last key presses are still sent for three input ticks (the client latches
    // a tap, tap-latch.ts): a dash pressed now would add them to its direction, and left and
    // right cancel out.
    await inputTicksPass(attacker, 4);
    const at = await selfPlayer(victim);
    const me = await selfPlayer(attacker);
    const still = Math.hypot(at.x - before.x, at.y - before.y) < 1;
    // Close enough that the names crowd and a dash along x (144 px) runs into the victim.
    return still && Math.abs(at.x + side * 44 - me.x) <= 10 && Math.abs(at.y - me.y) <= 8;
  };
  await steer(attacker, await beside(160, 20));
  for (let tries = 1; ; tries++) {
    await steer(attacker, await beside(44, 8));
    if (await standsBeside()) break;
    expect(tries, 'the attacker never stood still beside the victim').toBeLessThan(10);
  }

  // Side by side, the two long names would cover each other; they are stacked instead.
  const labels = (await arenaView(attacker)).labels;
  expect(labels).toHaveLength(2);
  expect(Math.abs(labels[0]!.x - labels[1]!.x)).toBeLessThan(labels[0]!.width);
  expect(labelsOverlap(labels[0]!, labels[1]!)).toBe(false);

  // A dash toward the victim now knocks it back.
  const towards = side > 0 ? 'ArrowLeft' : 'ArrowRight';
  await attacker.keyboard.down(towards);
  await attacker.keyboard.press('Space');
  await expect.poll(async () => (await arenaView(victim)).feedback!.hit).toBeGreaterThanOrEqual(1);
  await attacker.keyboard.up(towards);
  await expect
    .poll(async () => (await arenaView(attacker)).feedback!.hit)
    .toBeGreaterThanOrEqual(1);
  expect((await arenaView(victim)).sounds.played.hit).toBeGreaterThanOrEqual(1);
  expect((await arenaView(attacker)).sounds.played.dash).toBe(1);
});

test('two players who chose the same colour are drawn in different ones', async ({ browser }) => {
  const red = 0xff5252;
  const paint = async (page: Page) => {
    await page.evaluate((c) => localStorage.setItem('arena.color', String(c)), red);
    await page.reload();
    await expect.poll(async () => (await arenaView(page)).connection).toBe('open');
  };
  const first = await open(browser, 'Ruby');
  await paint(first);
  const code = await createRoom(first, { isPublic: false });
  const second = await open(browser, 'Rosa');
  await paint(second);
  await second.goto(`${spec.server.url}/?room=${code}`);
  await waitForPlayers(first, 2);
  const colors = (await arenaView(first)).players.map((p) => p.color);
  expect(colors).toContain(red);
  expect(new Set(colors).size).toBe(2);
  // The leaderboard shows each player's colour too.
  await expect(first.locator('#leaderboard .swatch')).toHaveCount(2);
});

test.describe('short rounds', () => {
  let short: ServerProcess;
  test.beforeAll(async () => {
    short = await startServerProcess({
      from: 'dist',
      env: { ROUND_SECONDS: '30', INTERMISSION_SECONDS: '5' },
    });
  });
  test.afterAll(async () => {
    await short.stop();
  });

  test('a tie is named a tie, and both winners hear the fanfare', async ({ browser }) => {
    const ada = await openPlayer(browser, short.url, 'Ada');
    pages.push(ada);
    const code = await createRoom(ada, { isPublic: false });
    const bob = await openPlayer(browser, `${short.url}/?room=${code}`, 'Bob');
    pages.push(bob);
    await waitForPlayers(ada, 2);
    // A real key press: browsers start audio only after a gesture (Ada clicked already).
    await bob.keyboard.press('Shift');
    // Whoever is behind collects a coin, until both have the same score (at least one), and
    // again if a coin that appears under one of them breaks the tie before the round ends.
    const score = async (page: Page) => (await selfPlayer(page)).score;
    const view = () => arenaView(ada);
    while ((await view()).round?.phase === 'playing') {
      const [a, b] = [await score(ada), await score(bob)];
      const tied = a === b && a > 0;
      if (!tied && (await view()).round!.secondsLeft > 3) {
        await steer(a <= b ? ada : bob, 'nearest-coin');
      } else {
        // Until a score changes or the round ends.
        await expect
          .poll(async () => [await score(ada), await score(bob), (await view()).round?.phase], {
            timeout: 40_000,
          })
          .not.toEqual([a, b, 'playing']);
      }
    }
    for (const page of [ada, bob]) {
      await expect
        .poll(async () => (await arenaView(page)).scoreboard?.headline, { timeout: 40_000 })
        .toMatch(/^Tie: (Ada and Bob|Bob and Ada) with \d+ each!$/);
      expect((await arenaView(page)).scoreboard!.winners.toSorted()).toEqual(['Ada', 'Bob']);
      expect((await arenaView(page)).sounds.played.win).toBe(1);
    }
  });
});

test.describe('a room of 21', () => {
  let big: ServerProcess;
  const sockets: Socket[] = [];
  test.beforeAll(async () => {
    big = await startServerProcess({ from: 'dist', env: { MAX_PLAYERS_PER_ROOM: '21' } });
  });
  test.afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await big.stop();
  });

  /**
   * A seated player that never moves: a socket.io client with Arena's parser (docs/PROTOCOL.md
   * §1), as another program would be.
   */
  async function seat(code: string | null, name: string): Promise<string> {
    const socket = io(big.url, {
      transports: ['websocket'],
      parser: wireParser,
      auth: { protocolVersion: PROTOCOL_VERSION },
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('room:joined', (joined: { roomCode: string }) => resolve(joined.roomCode));
      socket.once('error', (error: { message: string }) => reject(new Error(error.message)));
      if (code) socket.emit('room:join', { code, name });
      else socket.emit('room:create', { name, isPublic: false });
    });
  }

  test('fits the leaderboard: the best, ourselves last of all, and how many more', async ({
    browser,
  }) => {
    const code = await seat(null, 'Seat 1');
    for (let i = 2; i <= 20; i++) await seat(code, `Seat ${i}`);
    // Ties go by seat, so unless a coin fell on it the newcomer ranks far below the top rows.
    const page = await openPlayer(browser, `${big.url}/?room=${code}`, 'Newcomer');
    pages.push(page);
    await waitForPlayers(page, 21);
    const rows = page.locator('#leaderboard li');
    /** Where our row must be among `shown` rows: in its place if it makes the top, else last. */
    const selfRow = async (shown: number) => {
      const view = await arenaView(page);
      const order = [...view.players].sort((a, b) => b.score - a.score || a.id - b.id);
      return Math.min(
        order.findIndex((p) => p.id === view.selfId),
        shown - 1,
      );
    };
    await expect(rows).toHaveCount(9);
    await expect(rows.nth(await selfRow(8))).toHaveClass('self');
    await expect(rows.nth(await selfRow(8)).locator('.name')).toHaveText('Newcomer');
    await expect(rows.nth(8)).toHaveText('+13 more');

    // A phone shows the short strip: the best two, then us (or the best three).
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(await selfRow(3))).toHaveClass('self');
    await expect(rows.nth(3)).toHaveText('+18 more');
  });
});

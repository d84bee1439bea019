/**
 * Playing with friends, each friend in a browser context of their own: quick play,
 * the live lobby list, joining and watching from it, chat that stays plain text, a dropped
 * connection that comes back as the same player, a seat taken over by a second tab, rounds.
 */
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { test, type Browser, type Page } from '@playwright/test';
import { expect } from './expect.js';
import { serverPerFile, useCanvasRenderer } from './spec-setup.js';
import {
  arenaView,
  type ArenaView,
  createRoom,
  lobbyEntry,
  lobbyRow,
  moveAndWatch,
  openPhone,
  openPlayer,
  overlaps,
  sendChat,
  serverCounter,
  towardRoom,
  waitForPlayers,
  waitUntilStill,
} from './arena-page.js';

/**
 * Short heartbeats, so the server notices a tab that went offline within a few seconds
 * (a ping every 2 s, 3 s to answer) instead of the default's 20.
 */
const HEARTBEAT = { HEARTBEAT_INTERVAL_MS: '2000', HEARTBEAT_TIMEOUT_MS: '3000' };

useCanvasRenderer();
const spec = serverPerFile(HEARTBEAT);
const pages = spec.pages;
const open = (browser: Browser, name: string | null) => spec.open(browser, name);

test('quick play puts two friends in the same public room', async ({ browser }) => {
  const first = await open(browser, 'Quin');
  await first.click('#quick-play');
  await expect.poll(async () => (await arenaView(first)).role).toBe('player');
  const second = await open(browser, 'Quade');
  await second.click('#quick-play');
  await expect
    .poll(async () => (await arenaView(second)).roomCode)
    .toBe((await arenaView(first)).roomCode);
  await waitForPlayers(first, 2);
});

test('friends play, watch, chat, drop out for three seconds and come back', async ({ browser }) => {
  // A fourth tab stays in the lobby and watches the list change live.
  const lobby = await open(browser, 'Lou');
  const host = await open(browser, 'Ada');
  const code = await createRoom(host, { roomName: 'Friday <b>night</b>' });
  await expect
    .poll(() => lobbyEntry(lobby, code))
    .toMatchObject({ players: 1, maxPlayers: 8, spectators: 0 });
  await expect(lobbyRow(lobby, code).locator('.room-name')).toHaveText('Friday <b>night</b>');

  const guest = await open(browser, 'Bob');
  await lobbyRow(guest, code).locator('.room-join').click();
  const watcher = await open(browser, 'Cy');
  await lobbyRow(watcher, code).locator('.room-watch').click();
  await expect.poll(async () => (await arenaView(watcher)).role).toBe('spectator');
  expect((await arenaView(watcher)).selfId).toBe(0);
  await expect(watcher.locator('#room-role')).toHaveText('Watching');
  await expect.poll(() => lobbyEntry(lobby, code)).toMatchObject({ players: 2, spectators: 1 });
  await expect(lobbyRow(lobby, code).locator('.room-meta')).toContainText(
    '2/8 players · 1 watching',
  );

  // The spectator sees both players move; its own keys move nothing and send nothing.
  await waitForPlayers(watcher, 2);
  const hostId = (await arenaView(host)).selfId!;
  const guestId = (await arenaView(guest)).selfId!;
  await watcher.keyboard.down('ArrowLeft');
  await moveAndWatch(host, watcher, hostId, 'x');
  await moveAndWatch(guest, watcher, guestId, 'y');
  await watcher.keyboard.up('ArrowLeft');

  await chatStaysText({ host, guest, watcher });
  await dropAndReturn({ guest, others: [host, watcher], guestId });

  // A player leaves: the lobby tab's list follows; then it joins and gets the chat history.
  await guest.click('#leave-room');
  await expect.poll(() => lobbyEntry(lobby, code)).toMatchObject({ players: 1, spectators: 1 });
  await expect(lobbyRow(lobby, code).locator('.room-meta')).toContainText('1/8 players');
  await lobbyRow(lobby, code).locator('.room-join').click();
  await expect
    .poll(async () => (await arenaView(lobby)).chat.map((l) => l.text))
    .toContain(HTML_CHAT);
  expect((await arenaView(lobby)).lobbyRooms).toEqual([]);
  expect(
    await serverCounter(
      spec.server.url,
      'arena_errors_sent_total',
      'code',
      'SPECTATOR_CANNOT_PLAY',
    ),
  ).toBe(0);
});

const HTML_CHAT = '<b>bold?</b> <img src=x onerror="alert(1)"> wasd';

/** Chat with markup arrives as the characters typed, and typing it never moves the player. */
async function chatStaysText(tabs: { host: Page; guest: Page; watcher: Page }): Promise<void> {
  const { host, guest, watcher } = tabs;
  const before = await waitUntilStill(host);
  await sendChat(host, HTML_CHAT);
  for (const tab of [guest, watcher]) {
    await expect(tab.locator('#chat-log .chat-text').last()).toHaveText(HTML_CHAT);
    await expect(tab.locator('#chat b, #chat img')).toHaveCount(0);
  }
  expect((await arenaView(guest)).chat.at(-1)).toMatchObject({ from: 'Ada', text: HTML_CHAT });
  // "wasd" went into the field: the host did not move.
  const after = await waitUntilStill(host);
  expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeLessThan(1);
  // A burst past the chat limit is refused, and the refusal is shown under the field.
  // (5 at once, then one every 2 s: a slow machine may need a few more than 6 to get there.)
  const notice = guest.locator('#chat-notice');
  for (let i = 0; i < 10 && !(await notice.isVisible()); i++) await sendChat(guest, `spam ${i}`);
  await expect(notice).toContainText(/slow down/i);
}

/** The guest's network goes away for three seconds; it comes back as the same player. */
async function dropAndReturn(tabs: {
  guest: Page;
  others: Page[];
  guestId: number;
}): Promise<void> {
  const { guest, others, guestId } = tabs;
  const offlineSince = Date.now();
  await guest.context().setOffline(true);
  await expect(guest.locator('#reconnecting')).toBeVisible();
  // An offline browser cannot say goodbye: the server learns of the drop from its heartbeat
  // (see HEARTBEAT), so the others may see it up to ~5 s later.
  for (const other of others)
    await expect
      .poll(async () => (await arenaView(other)).reconnecting, { timeout: 15_000 })
      .toEqual([guestId]);
  // The offline period itself is the scenario, not a wait for a condition.
  await guest.waitForTimeout(Math.max(0, 3000 - (Date.now() - offlineSince)));
  await guest.context().setOffline(false);

  await expect.poll(async () => (await arenaView(guest)).connection).toBe('open');
  await expect(guest.locator('#reconnecting')).toBeHidden();
  expect(await arenaView(guest)).toMatchObject({
    selfId: guestId,
    role: 'player',
    selfReconnecting: false,
  });
  for (const other of others)
    await expect.poll(async () => (await arenaView(other)).reconnecting).toEqual([]);
  // Same seat, still playing: the others see it move again.
  await moveAndWatch(guest, others[0]!, guestId, 'y');
}

test('a second tab with the same seat takes it over, and the first can take it back', async ({
  browser,
}) => {
  const first = await open(browser, 'Dee');
  const code = await createRoom(first, { isPublic: false });
  const selfId = (await arenaView(first)).selfId;
  const token = await first.evaluate(() => sessionStorage.getItem('arena.sessionToken'));
  // A duplicated tab carries the same sessionStorage, hence the same seat token.
  const second = await first.context().newPage();
  await second.addInitScript((t) => sessionStorage.setItem('arena.sessionToken', t ?? ''), token);
  await second.goto(spec.server.url);
  await expect.poll(async () => (await arenaView(second)).roomCode).toBe(code);
  expect((await arenaView(second)).selfId).toBe(selfId);
  await expect(first.locator('#seat-taken')).toContainText('taken over in another tab');
  expect((await arenaView(first)).roomCode).toBeNull();

  await first.click('#take-seat-back');
  await expect.poll(async () => (await arenaView(first)).roomCode).toBe(code);
  expect((await arenaView(first)).selfId).toBe(selfId);
  await expect(second.locator('#seat-taken')).toBeVisible();
  await waitForPlayers(first, 1);
});

test('on a phone the lobby fits, chat clears the touch controls, and the stick moves the player', async ({
  browser,
}) => {
  const phone = await openPhone(browser, spec.server.url, 'Pip');
  pages.push(phone);
  const viewport = phone.viewportSize()!;
  const lobbyBox = (await phone.locator('#lobby').boundingBox())!;
  expect(lobbyBox.x).toBeGreaterThanOrEqual(0);
  expect(lobbyBox.x + lobbyBox.width).toBeLessThanOrEqual(viewport.width);
  expect(lobbyBox.y + lobbyBox.height).toBeLessThanOrEqual(viewport.height);
  await createRoom(phone, { isPublic: false });
  await phone.touchscreen.tap(viewport.width / 2, viewport.height / 3);
  await expect(phone.locator('#touch-controls')).toBeVisible();
  const chatBox = (await phone.locator('#chat').boundingBox())!;
  expect(chatBox.x + chatBox.width).toBeLessThanOrEqual(viewport.width);
  for (const control of ['#touch-stick', '#touch-dash']) {
    expect(overlaps(chatBox, (await phone.locator(control).boundingBox())!)).toBe(false);
  }
  // Drag the stick toward the side with room (a player may spawn beside a wall): the player
  // goes that way.
  const stick = (await phone.locator('#touch-stick').boundingBox())!;
  const startX = (await waitUntilStill(phone)).x;
  const way = towardRoom(startX);
  const centre = { x: stick.x + stick.width / 2, y: stick.y + stick.height / 2 };
  await phone.mouse.move(centre.x, centre.y);
  await phone.mouse.down();
  await phone.mouse.move(centre.x + (way * stick.width) / 2, centre.y);
  await expect
    .poll(async () => way * ((await arenaView(phone)).server!.x - startX))
    .toBeGreaterThan(60);
  await phone.mouse.up();
});

test.describe('rounds', () => {
  let shortRounds: ServerProcess;
  test.beforeAll(async () => {
    shortRounds = await startServerProcess({
      from: 'dist',
      env: { ROUND_SECONDS: '10', INTERMISSION_SECONDS: '2' },
    });
  });
  test.afterAll(async () => {
    await shortRounds.stop();
  });

  test('a late joiner sees the running timer, a scoreboard ends the round, the next one starts by itself', async ({
    browser,
  }) => {
    const first = await openPlayer(browser, shortRounds.url, 'Eve');
    pages.push(first);
    const code = await createRoom(first, { isPublic: false });
    await expect.poll(async () => (await arenaView(first)).round?.phase).toBe('playing');
    // Let the clock run a little first, so "mid-round" is visible in the joiner's timer.
    await expect.poll(async () => (await arenaView(first)).round?.secondsLeft).toBeLessThan(10);
    // Joining mid-round: the joiner's clock is the room's, not a fresh one.
    const late = await openPlayer(browser, `${shortRounds.url}/?room=${code}`, 'Finn');
    pages.push(late);
    await expect
      .poll(async () => (await arenaView(late)).round)
      .toMatchObject({ number: 1, phase: 'playing' });
    const joinedAt = (await arenaView(late)).round!.secondsLeft;
    expect(joinedAt).toBeLessThan(10);
    await expect
      .poll(async () => (await arenaView(late)).round!.secondsLeft)
      .toBeLessThan(joinedAt);

    // The board and the phase from one read: the intermission lasts 2 s, and a loaded machine
    // may take that long between two reads.
    let atEnd: ArenaView | undefined;
    const boardShownIn = async () => {
      atEnd = await arenaView(late);
      return atEnd.scoreboard ? atEnd.round?.phase : null;
    };
    await expect.poll(boardShownIn, { timeout: 15_000 }).toBe('intermission');
    const board = atEnd!.scoreboard!;
    expect(board.round).toBe(1);
    expect(board.rows.map((r) => r.name).sort()).toEqual(['Eve', 'Finn']);
    const best = board.rows[0]!;
    expect(board.winner).toBe(best.score > 0 ? best.name : null);
    const tied = board.rows.filter((r) => r.score === best.score && r.score > 0);
    expect(board.winners).toEqual(tied.map((r) => r.name));

    await expect
      .poll(async () => (await arenaView(late)).round, { timeout: 10_000 })
      .toMatchObject({ number: 2, phase: 'playing' });
    expect((await arenaView(late)).scoreboard).toBeNull();
    expect((await arenaView(late)).selfId).not.toBeNull();
  });
});

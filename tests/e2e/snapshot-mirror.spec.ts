/**
 * The browser's snapshot mirror: at `?streams=2` a tab opens a second connection for its
 * seat's snapshots and draws whichever copy of a tick comes first (on `?net=far` each
 * connection has a simulated link of its own, so both win some); a phone opens one by
 * default, a desktop does not, and `?streams=1` keeps a phone on one connection.
 */
import { test, type Page } from '@playwright/test';
import { expect } from './expect.js';
import { arenaView, createRoom, openPhone } from './arena-page.js';
import { serverPerFile, useCanvasRenderer } from './spec-setup.js';

useCanvasRenderer();
const spec = serverPerFile();

const streamsOf = async (page: Page) => (await arenaView(page)).net?.streams ?? null;

test('at ?streams=2 a tab reads its snapshots from two connections', async ({ browser }) => {
  const page = await spec.open(browser, 'Host', '/?streams=2&net=far');
  await createRoom(page, { isPublic: false });
  await expect.poll(() => streamsOf(page)).toBe(2);
  await expect
    .poll(async () => (await arenaView(page)).net?.mirrorFirstCopies ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(10);
  const net = (await arenaView(page)).net!;
  expect(net.snapshotsPerSecond).toBeGreaterThan(0);
});

test('a phone opens a mirror by default, a desktop and ?streams=1 do not', async ({ browser }) => {
  const desktop = await spec.open(browser, 'Desk');
  await createRoom(desktop, { isPublic: false });
  const phone = await openPhone(browser, `${spec.server.url}/`, 'Phone');
  spec.pages.push(phone);
  await createRoom(phone, { isPublic: false });
  const oneStreamPhone = await openPhone(browser, `${spec.server.url}/?streams=1`, 'Phone 1');
  spec.pages.push(oneStreamPhone);
  await createRoom(oneStreamPhone, { isPublic: false });
  await expect.poll(() => streamsOf(phone)).toBe(2);
  expect(await streamsOf(desktop)).toBe(1);
  expect(await streamsOf(oneStreamPhone)).toBe(1);
});

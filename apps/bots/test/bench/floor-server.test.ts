/**
 * The floor over real sockets: a `FloorServer` on a free loopback port and bots that play it
 * through the shared `NetClient`, as the bench runs them (here in one process).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyStats } from '../../src/bot-stats.js';
import { FloorBot } from '../../src/bench/floor/floor-bot.js';
import { FloorServer } from '../../src/bench/floor/floor-server.js';

const open: { close: () => unknown }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (check()) resolve();
      else if (Date.now() - started < timeoutMs) return;
      else reject(new Error('timed out'));
      clearInterval(poll);
    }, 10);
  });
}

describe('the floor server', () => {
  it('seats bots in rooms, steps their inputs and acknowledges them in its snapshots', async () => {
    const server = new FloorServer({ playersPerRoom: 2 });
    open.push(server);
    const url = `ws://127.0.0.1:${await server.listening()}`;
    const stats = emptyStats();
    const bots = [1, 2, 3].map((seed) => new FloorBot(url, seed, stats));
    open.push(...bots.map((bot) => ({ close: () => bot.stop() })));
    await Promise.all(bots.map((bot) => bot.joined));

    // Every bot acknowledged, and two inputs each timed from send to ack on average.
    await until(() => bots.every((bot) => bot.net.lastAckedSeq > 0) && stats.ackLatency.total >= 6);
    const counters = server.counters();
    expect(counters).toMatchObject({ clients: 3, rooms: 2, unreadable: 0 });
    expect(counters.inputs.received).toBeGreaterThanOrEqual(6);
    expect(counters.inputs.stale).toBe(0);
    expect(stats.snapshots).toBeGreaterThan(3);
  });
});

/**
 * A client's link gets slower for good (a longer route, a phone leaving Wi-Fi): from then on
 * each input arrives a few slots after the slot it was numbered for. Not far enough behind for
 * a re-anchor, so before the server held its slots every input was ignored and the player ran
 * on guesses of its last buttons for good. Now the server waits as many ticks as the inputs
 * are late (plus its buffer) and the player does what its inputs say again.
 */
import { Button } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { seatNaivePlayer } from '../support/naive-input-loop.js';
import { waitForSnapshot } from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const TICK_RATE_HZ = 30;
const TICK_MS = 1000 / TICK_RATE_HZ;
/** How many slots late the inputs arrive once the link is slower: fewer than a re-anchor's 5. */
const SLOTS_LATE = 3;

const ctx = serverPerTest({ TICK_RATE_HZ, SNAPSHOT_RATE_HZ: TICK_RATE_HZ });

describe('a link that gets slower for good', () => {
  it('a client whose inputs start arriving a few slots late is heard again', async () => {
    const { socket, self, loop, serverAck, inputStats } = await seatNaivePlayer(
      ctx,
      'Far',
      TICK_MS,
    );
    // The slots our inputs are ahead of the server's now (the server runs in this process):
    // its buffer, and more if the machine is busy.
    const lead = loop.seq - serverAck();

    loop.delayMs = (lead + SLOTS_LATE) * TICK_MS;
    loop.buttons = Button.Down;
    await waitForSnapshot(socket, (s) => (s.players.find((p) => p.id === self)?.vy ?? 0) > 0, 3000);
    const stats = inputStats();
    expect(stats.held).toBeGreaterThanOrEqual(1);
    expect(stats.reanchored).toBe(0);
    // A host sees it too.
    const metrics = await (await fetch(`${ctx.server.url}/metrics`)).text();
    expect(metrics).toMatch(/^arena_input_holds_total [1-9]/m);
    // Its own inputs run again: the next slots are spent on them, not on guesses. (A snapshot
    // is only the moment to look: the server's counts are read in this process.)
    const { applied, guessed } = stats;
    await waitForSnapshot(socket, () => stats.applied >= applied + 10, 3000);
    expect(stats.guessed - guessed).toBeLessThan(10);
  });
});

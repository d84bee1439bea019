/**
 * A client's link gets slower for good (a longer route, a phone leaving Wi-Fi): from then on
 * each input arrives a few slots after the slot it was numbered for. Not far enough behind for
 * a re-anchor, so before the server held its slots every input was ignored and the player ran
 * on guesses of its last buttons for good. Now the server waits as many ticks as the inputs
 * are late (plus its buffer) and the player does what its inputs say again.
 */
import { Button } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { createRoom, waitForSnapshot } from '../support/player.js';
import { NaiveInputLoop } from '../support/naive-input-loop.js';
import { serverPerTest } from '../support/server-per-test.js';

const TICK_RATE_HZ = 30;
const TICK_MS = 1000 / TICK_RATE_HZ;
/** How many slots late the inputs arrive once the link is slower: fewer than a re-anchor's 5. */
const SLOTS_LATE = 3;

const ctx = serverPerTest({ TICK_RATE_HZ, SNAPSHOT_RATE_HZ: TICK_RATE_HZ });

describe('a link that gets slower for good', () => {
  it('a client whose inputs start arriving a few slots late is heard again', async () => {
    const { socket, joined } = await createRoom(ctx.server.url, 'Far');
    ctx.sockets.push(socket);
    const self = joined.selfId;
    const ackOf = (s: { acks: { playerId: number; seq: number }[] }) =>
      s.acks.find((a) => a.playerId === self)?.seq ?? 0;
    const loop = new NaiveInputLoop(socket, TICK_MS);
    ctx.afterTest(() => loop.stop());
    loop.buttons = Button.Right;
    loop.start();
    await waitForSnapshot(socket, (s) => ackOf(s) >= 10);
    // The slots our inputs are ahead of the server's now (the server runs in this process):
    // its buffer, and more if the machine is busy.
    const sim = ctx.server.services.rooms.get(joined.roomCode)!.sim;
    const lead = loop.seq - sim.ackedSeq(self);

    loop.delayMs = (lead + SLOTS_LATE) * TICK_MS;
    loop.buttons = Button.Down;
    await waitForSnapshot(socket, (s) => (s.players.find((p) => p.id === self)?.vy ?? 0) > 0, 3000);
    const stats = sim.inputStats(self)!;
    expect(stats.held).toBeGreaterThanOrEqual(1);
    expect(stats.reanchored).toBe(0);
    // Its own inputs run again: the newest slots are spent on them, not on guesses.
    const appliedBefore = stats.applied;
    await waitForSnapshot(socket, (s) => ackOf(s) >= loop.seq - 10);
    expect(stats.applied).toBeGreaterThan(appliedBefore);
  });
});

/**
 * A client pauses for a second (a hidden tab, a stalled main thread, a Python loop that blocked)
 * while the server keeps spending its input slots on guesses. A client that follows
 * docs/PROTOCOL.md literally then goes on from the seq where it stopped, behind every slot:
 * the server re-anchors its slots on it and it controls its player again within a fraction of
 * a second. A `NetClient`, which skips ahead by itself, is never re-anchored, and its prediction
 * still lands exactly on the server's state.
 */
import { Button } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { keepUntilTestEnds, seatNetcodePlayer } from '../support/netcode-player.js';
import { seatNaivePlayer } from '../support/naive-input-loop.js';
import { waitForSnapshot } from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const TICK_RATE_HZ = 30;
const TICK_MS = 1000 / TICK_RATE_HZ;
/** "A fraction of a second": the re-anchor waits 6 ticks, the buffer 2, plus the trips. */
const MAX_INPUTS_UNTIL_HEARD = 20;

const ctx = serverPerTest({ TICK_RATE_HZ, SNAPSHOT_RATE_HZ: TICK_RATE_HZ });

describe('a pause of the client', () => {
  it('a client that counts seq + 1 through a pause moves its player again within a fraction of a second', async () => {
    const { socket, self, ackOf, loop, inputStats } = await seatNaivePlayer(ctx, 'Naive', TICK_MS);

    // The pause: no input while the server guesses a second's worth of slots past our last.
    loop.stop();
    const pausedAt = loop.seq;
    await waitForSnapshot(socket, (s) => ackOf(s) >= pausedAt + TICK_RATE_HZ);

    // Back, from the next seq, now holding Down: the player must turn down.
    loop.buttons = Button.Down;
    loop.start();
    const turned = await waitForSnapshot(
      socket,
      (s) => (s.players.find((p) => p.id === self)?.vy ?? 0) > 0,
      3000,
    );
    const inputsUntilHeard = loop.seq - pausedAt;
    expect(inputsUntilHeard).toBeLessThanOrEqual(MAX_INPUTS_UNTIL_HEARD);
    // The ack is back on our own seqs, a buffer's worth behind the newest.
    expect(ackOf(turned)).toBeLessThanOrEqual(loop.seq);
    expect(inputStats().reanchored).toBe(1);
    // A host sees it too.
    const metrics = await (await fetch(`${ctx.server.url}/metrics`)).text();
    expect(metrics).toMatch(/^arena_input_reanchors_total 1$/m);
  });

  it('a NetClient that pauses catches up by itself: no re-anchor, and its prediction converges', async () => {
    const player = keepUntilTestEnds(
      ctx,
      await seatNetcodePlayer(ctx.server.url, 'Tab', undefined, {
        query: { lag: '60', jitter: '10' },
      }),
    );
    const room = ctx.server.services.rooms.get(player.joined.roomCode)!;
    await player.until('a snapshot with itself', () => player.net.predictor !== undefined);
    player.buttons = Button.Right;
    await player.until('moving', () => (player.latest().player?.vx ?? 0) > 0);

    await player.pause(1000);
    player.buttons = Button.Down;
    await player.until('turned down on the server', () => (player.latest().player?.vy ?? 0) > 0);
    player.buttons = 0;
    const stopSeq = player.lastSentSeq + 1;
    await player.until('at rest, acknowledged', () => {
      const { player: p, ack } = player.latest();
      return !!p && p.vx === 0 && p.vy === 0 && ack >= stopSeq;
    });

    expect(room.sim.inputStats(player.id)!.reanchored).toBe(0);
    expect(ctx.server.services.metrics.inputReanchors).toBe(0);
    // The frame after the pause ran the 8 ticks its clock missed, and the skip landed on the
    // newest of them: the client leads the server's slots by what is in flight and the
    // buffer (2–3 slots here), not by those ticks too (9–10 when they were numbered after it).
    const leadSlots = player.lastSentSeq - room.sim.ackedSeq(player.id);
    expect(leadSlots).toBeLessThanOrEqual(6);
    const truth = room.sim.world.players.find((p) => p.id === player.id)!;
    const { x, y } = player.net.predictor!.state;
    expect({ x, y }).toEqual({ x: truth.x, y: truth.y });
  });
});

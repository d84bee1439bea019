/**
 * Two real socket.io clients run the shared `ClientNetcode` over the server's simulated link
 * (100 ± 20 ms each way). While they move, each one's prediction runs ahead of the server;
 * once they stop and the server has acknowledged it, each one's predicted self is exactly the
 * server's state for it, and each one draws the other exactly where the server has it.
 */
import { Button } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
import { describe, expect, it } from 'vitest';
import {
  keepUntilTestEnds,
  seatNetcodePlayer,
  type NetcodePlayer,
} from '../support/netcode-player.js';
import { serverPerTest } from '../support/server-per-test.js';

const TICK_RATE_HZ = 30;
const LINK = { lag: '100', jitter: '20' };
const MOVE_TICKS = 30;
const MAX_STEP_PX = DEFAULT_SIM_CONFIG.maxSpeed / TICK_RATE_HZ;
/** Time to draw the others past the moment they settled, even after a glide back. */
const SETTLE_VIEW_MS = 500;

const ctx = serverPerTest({
  TICK_RATE_HZ,
  SNAPSHOT_RATE_HZ: TICK_RATE_HZ,
  LINK_SIMULATOR: 'on',
});

async function twoLaggyPlayers() {
  const a = await seatNetcodePlayer(ctx.server.url, 'Ann', undefined, { query: LINK });
  keepUntilTestEnds(ctx, a);
  const b = await seatNetcodePlayer(ctx.server.url, 'Bob', a.joined.roomCode, { query: LINK });
  keepUntilTestEnds(ctx, b);
  const room = ctx.server.services.rooms.get(a.joined.roomCode)!;
  const truth = (id: number) => room.sim.world.players.find((p) => p.id === id)!;
  return { a, b, truth };
}

/** Towards the middle of the arena, on one axis each, so nobody walks into a wall. */
function scriptMoves(
  a: NetcodePlayer,
  b: NetcodePlayer,
  truth: (id: number) => { x: number; y: number },
) {
  const { arenaWidth, arenaHeight } = DEFAULT_SIM_CONFIG;
  const ax = truth(a.id).x < arenaWidth / 2 ? 1 : -1;
  const by = truth(b.id).y < arenaHeight / 2 ? 1 : -1;
  return new Map([
    [a, { buttons: ax > 0 ? Button.Right : Button.Left, lead: (p: { x: number }) => ax * p.x }],
    [b, { buttons: by > 0 ? Button.Down : Button.Up, lead: (p: { y: number }) => by * p.y }],
  ]);
}

describe('netcode over a laggy link (real sockets)', () => {
  it('predicts ahead while moving, then converges exactly to the server for self and other', async () => {
    const { a, b, truth } = await twoLaggyPlayers();
    const both = [a, b];
    await Promise.all(
      both.map((p) => p.until('a snapshot with itself', () => p.net.predictor !== undefined)),
    );
    const moves = scriptMoves(a, b, truth);

    // Move: how far the predicted self runs ahead of where the server has it right now.
    const maxLead = new Map<NetcodePlayer, number>();
    const moving = [...moves].map(async ([player, move]) => {
      const started = player.lastSentSeq;
      player.buttons = move.buttons;
      const off = player.onFrame(() => {
        const lead = move.lead(player.net.predictor!.state) - move.lead(truth(player.id));
        maxLead.set(player, Math.max(maxLead.get(player) ?? -Infinity, lead));
      });
      await player.until(
        'its moving inputs sent',
        () => player.lastSentSeq >= started + MOVE_TICKS,
      );
      player.buttons = 0;
      off();
    });
    await Promise.all(moving);
    const stopSeq = new Map(both.map((p) => [p, p.lastSentSeq + 1]));
    // Prediction happened: each one was ahead of the server by more than a tick or two of walk.
    for (const player of both) expect(maxLead.get(player)).toBeGreaterThan(2 * MAX_STEP_PX);

    // Stop: wait until the server acknowledged the stop and both came to rest.
    const settled = (p: NetcodePlayer) => {
      const { player, ack } = p.latest();
      return !!player && player.vx === 0 && player.vy === 0 && ack >= stopSeq.get(p)!;
    };
    await Promise.all(both.map((p) => p.until('rest, acknowledged', () => both.every(settled))));
    for (const player of both) {
      const { x, y, vx, vy } = player.net.predictor!.state;
      const server = truth(player.id);
      expect({ x, y, vx, vy }).toEqual({ x: server.x, y: server.y, vx: server.vx, vy: server.vy });
    }

    // Others: drawn from the interpolation buffer, past the moment everybody settled.
    const settledAtMs = Math.max(...both.map((p) => p.latest().snapshot!.serverTimeMs));
    await Promise.all(
      both.map((p) =>
        p.until(
          'drawing a time after everybody settled',
          () =>
            p.lastFrame!.renderServerTimeMs > settledAtMs + SETTLE_VIEW_MS &&
            p.net.predictor!.smoother.offset.x === 0 &&
            p.net.predictor!.smoother.offset.y === 0,
        ),
      ),
    );
    for (const [viewer, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const { x, y } = truth(other.id);
      expect(viewer.lastFrame!.others.get(other.id)).toEqual({ x, y });
      const self = truth(viewer.id);
      expect(viewer.lastFrame!.self).toEqual({ x: self.x, y: self.y });
    }
  });
});

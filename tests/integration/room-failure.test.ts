/**
 * A room whose tick throws is contained: a transient failure keeps the world as it was, a
 * persistent one closes that room with ROOM_CLOSED, and every other room and the process go on.
 */
import { ErrorCode } from '@arena/shared/protocol';
import { describe, expect, it, vi } from 'vitest';
import { createRoom, waitFor, waitForSnapshot, waitForTicks } from '../support/player.js';
import { roomSteps } from '../support/room-steps.js';
import { serverPerTest } from '../support/server-per-test.js';

const steps = roomSteps();
const ctx = serverPerTest({}, { roomStep: steps.roomStep });

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${ctx.server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no ${name} in /metrics`);
  return Number(line.split(' ')[1]);
}

async function twoRooms() {
  const doomed = await createRoom(ctx.server.url, 'Doomed');
  const healthy = await createRoom(ctx.server.url, 'Healthy');
  ctx.sockets.push(doomed.socket, healthy.socket);
  const room = ctx.server.services.rooms.get(doomed.joined.roomCode)!;
  await waitForTicks(doomed.socket, 2);
  return { doomed, healthy, room };
}

describe('room failure', () => {
  it('keeps the world unchanged through a transient failure and goes on afterwards', async () => {
    const { doomed, room } = await twoRooms();
    let failuresLeft = 2;
    let worldAtFailure: unknown;
    let worldAfterFailures: unknown;
    steps.wrap(room.code, (step) => (world, inputs, options) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        worldAtFailure ??= structuredClone(world);
        throw new Error('injected transient failure');
      }
      worldAfterFailures ??= structuredClone(world);
      return step(world, inputs, options);
    });
    const tickBefore = room.sim.world.tick;
    const after = await waitForSnapshot(doomed.socket, (s) => s.tick > tickBefore);
    expect(after.tick).toBe(tickBefore + 1);
    // The first tick after the failures started from the world as it was before them.
    expect(worldAfterFailures).toEqual(worldAtFailure);
    expect(room.closed).toBe(false);
    expect(ctx.server.services.metrics.roomFailures).toBe(2);
    expect(await metric('arena_room_failures_total')).toBe(2);
  });

  it('closes a room that keeps failing with ROOM_CLOSED, and the other room plays on', async () => {
    const { doomed, healthy, room } = await twoRooms();
    const closedNotice = waitFor(doomed.socket, 'error');
    const logged = vi.spyOn(ctx.server.services.log, 'error');
    steps.wrap(room.code, () => () => {
      throw new Error('injected persistent failure');
    });
    expect(await closedNotice).toMatchObject({ code: ErrorCode.RoomClosed });
    expect(room.closed).toBe(true);
    expect(ctx.server.services.rooms.get(doomed.joined.roomCode)).toBeUndefined();
    expect(ctx.server.services.metrics.roomFailures).toBe(3);
    // Each failure is logged with the room it happened in, so an operator can find it.
    const failureLogs = logged.mock.calls.filter(
      ([fields]) => (fields as { room?: string }).room === room.code,
    );
    expect(failureLogs).toHaveLength(3);
    expect(await metric('arena_room_failures_total')).toBe(3);

    // The other room keeps ticking and its player keeps moving; the process answers HTTP.
    const before = await waitForSnapshot(healthy.socket);
    const later = await waitForTicks(healthy.socket, 10);
    expect(later.tick).toBeGreaterThanOrEqual(before.tick + 10);
    expect((await fetch(`${ctx.server.url}/healthz`)).status).toBe(200);

    // The closed room's player is free to play elsewhere on the same connection.
    expect(doomed.socket.connected).toBe(true);
    const rejoined = waitFor(doomed.socket, 'room:joined');
    doomed.socket.emit('room:join', { code: healthy.joined.roomCode, name: 'Survivor' });
    expect((await rejoined).roomCode).toBe(healthy.joined.roomCode);
  });
});

/**
 * The server-side link simulator delays one connection both ways, stalls it now and then, keeps
 * everything in order, and touches nothing else.
 */
import { ErrorCode } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import {
  connected,
  connectPlayer,
  createRoom,
  waitFor,
  waitForTicks,
  type PlayerSocket,
} from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest({ LINK_SIMULATOR: 'on' });

async function roundTripMs(socket: PlayerSocket): Promise<number> {
  const sent = performance.now();
  const pong = waitFor(socket, 'time:pong', (p) => p.clientTimeMs === sent);
  socket.emit('time:ping', { clientTimeMs: sent });
  await pong;
  return performance.now() - sent;
}

describe('link simulator (server side)', () => {
  it('adds the requested latency to one connection only', async () => {
    const fast = await createRoom(ctx.server.url, 'Fast');
    ctx.sockets.push(fast.socket);
    const slow = connectPlayer(ctx.server.url, { query: { lag: '60', jitter: '20' } });
    ctx.sockets.push(slow);
    const joined = waitFor(slow, 'room:joined');
    slow.emit('room:join', { code: fast.joined.roomCode, name: 'Slow' });
    await joined;
    // 60 ± 20 ms each way.
    expect(await roundTripMs(slow)).toBeGreaterThanOrEqual(80);
    expect(await roundTripMs(fast.socket)).toBeLessThan(60);
  });

  it('keeps binary snapshots intact under jitter (frames never reorder)', async () => {
    const slow = connectPlayer(ctx.server.url, { query: { lag: '30', jitter: '30' } });
    ctx.sockets.push(slow);
    let disconnected = false;
    slow.on('disconnect', () => (disconnected = true));
    const joined = waitFor(slow, 'room:joined');
    slow.emit('room:create', { name: 'Jittery' });
    await joined;
    // 90 snapshots (3 s at 30 Hz) through a jittery link: a reordered attachment would be a parse error.
    const last = await waitForTicks(slow, 90, 10_000);
    expect(last.players).toHaveLength(1);
    expect(disconnected).toBe(false);
  });

  it('stalls: a packet waits for its resend and the ones behind it wait too, never reordered', async () => {
    const STALL_MS = 200;
    // Half the packets each way are "lost": 20 pings without a stall are a one in 10^12 chance.
    const slow = connectPlayer(ctx.server.url, {
      query: { lag: '10', stall: '50', stallms: String(STALL_MS) },
    });
    ctx.sockets.push(slow);
    await connected(slow);
    const pongs: { sentMs: number; arrivedMs: number }[] = [];
    slow.on('time:pong', (p) =>
      pongs.push({ sentMs: p.clientTimeMs, arrivedMs: performance.now() }),
    );
    const sent = Array.from({ length: 20 }, () => performance.now());
    const last = waitFor(slow, 'time:pong', (p) => p.clientTimeMs === sent.at(-1));
    for (const clientTimeMs of sent) slow.emit('time:ping', { clientTimeMs });
    await last;
    // Nothing dropped, nothing overtook: every pong, in the order sent.
    expect(pongs.map((p) => p.sentMs)).toEqual(sent);
    const roundTrips = pongs.map((p) => p.arrivedMs - p.sentMs);
    const slowest = roundTrips.indexOf(Math.max(...roundTrips));
    expect(roundTrips[slowest]).toBeGreaterThanOrEqual(2 * 10 + STALL_MS);
    // Sent together, so everything behind the stalled packet waited for it: a burst after a pause.
    for (const later of roundTrips.slice(slowest)) expect(later).toBeGreaterThanOrEqual(STALL_MS);
  });

  it('answers a bad link query with an error naming the key, and plays on without it', async () => {
    const socket = connectPlayer(ctx.server.url, { query: { lag: 'soon' } });
    ctx.sockets.push(socket);
    const error = await waitFor(socket, 'error');
    expect(error).toMatchObject({ code: ErrorCode.InvalidPayload });
    expect(error.message).toContain('lag=soon');
    expect(await roundTripMs(socket)).toBeLessThan(60);
    expect(socket.connected).toBe(true);
  });

  it('is off unless the host turns it on: the query is then ignored', async () => {
    const server = await ctx.restartWith({ LINK_SIMULATOR: 'off' });
    const socket = connectPlayer(server.url, { query: { lag: '2000', jitter: '2000' } });
    ctx.sockets.push(socket);
    const errors: string[] = [];
    socket.on('error', (e) => errors.push(e.code));
    await connected(socket);
    expect(await roundTripMs(socket)).toBeLessThan(500);
    expect(errors).toEqual([]);
  });

  it('cuts off a connection whose outbound link holds more than its bound', async () => {
    const slow = connectPlayer(ctx.server.url, { query: { lag: '2000' } });
    ctx.sockets.push(slow);
    await connected(slow);
    // The server writes far more to it in two seconds than a room ever does: the link refuses
    // to hold it all and hangs up, instead of parking it in memory.
    const gone = new Promise<void>((resolve) => slow.once('disconnect', () => resolve()));
    const serverSide = ctx.server.services.io.sockets.sockets.get(slow.id!)!;
    for (let i = 0; i < 400; i++) serverSide.emit('server:notice', noticeOf(1024));
    await gone;
  });
});

/** A notice `bytes` long: something the server may send, as big as a test needs. */
function noticeOf(bytes: number) {
  return { code: ErrorCode.Internal, message: 'x'.repeat(bytes) };
}

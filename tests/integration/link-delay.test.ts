/** The server-side link simulator delays one connection both ways, in order, and nothing else. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeAll,
  connectPlayer,
  createRoom,
  waitFor,
  waitForTicks,
  type PlayerSocket,
} from '../support/player.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
const sockets: PlayerSocket[] = [];

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  closeAll(sockets);
  await server.close();
});

async function roundTripMs(socket: PlayerSocket): Promise<number> {
  const sent = performance.now();
  const pong = waitFor(socket, 'time:pong', (p) => p.clientTimeMs === sent);
  socket.emit('time:ping', { clientTimeMs: sent });
  await pong;
  return performance.now() - sent;
}

describe('link simulator (server side)', () => {
  it('adds the requested latency to one connection only', async () => {
    const fast = await createRoom(server.url, 'Fast');
    sockets.push(fast.socket);
    const slow = connectPlayer(server.url, { query: { lag: '60', jitter: '20' } });
    sockets.push(slow);
    const joined = waitFor(slow, 'room:joined');
    slow.emit('room:join', { code: fast.joined.roomCode, name: 'Slow' });
    await joined;
    expect(await roundTripMs(slow)).toBeGreaterThanOrEqual(120);
    expect(await roundTripMs(fast.socket)).toBeLessThan(60);
  });

  it('keeps binary snapshots intact under jitter (frames never reorder)', async () => {
    const slow = connectPlayer(server.url, { query: { lag: '30', jitter: '30' } });
    sockets.push(slow);
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
});

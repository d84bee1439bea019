/**
 * Redis dies under a running cluster, and comes back empty (it saved nothing). Meanwhile the
 * processes say so (/readyz 503), refuse new rooms with a clear error, and pause the rooms
 * they run (their owners cannot prove they still own them), telling their players why. Once
 * Redis is back, the rooms go on where they paused, their owners write them into the new
 * Redis again, and new rooms can be made.
 */
import { ErrorCode } from '@arena/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  leaseOf,
  recordSnapshots,
  startCluster,
  twoOf,
  type TestCluster,
} from '../support/cluster.js';
import {
  closeAll,
  connectPlayer,
  createRoom,
  joinRoom,
  waitFor,
  waitForSnapshot,
  type PlayerSocket,
} from '../support/player.js';
import { SKIP_WITHOUT_REDIS } from '../support/redis-process.js';

let cluster: TestCluster;
const sockets: PlayerSocket[] = [];

beforeAll(async () => {
  cluster = await startCluster(2);
}, 120_000);
afterAll(async () => {
  closeAll(sockets);
  await cluster?.stop();
});

/** Polls /readyz until it answers `status`; resolves with what it said. */
async function readiness(url: string, status: number, timeoutMs = 10_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${url}/readyz`);
    if (response.status === status) return response.json();
    if (Date.now() > deadline) throw new Error(`/readyz never answered ${status}`);
    // Readiness is polled, as a load balancer would.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(SKIP_WITHOUT_REDIS)('when Redis goes away', () => {
  it('degrades clearly: not ready, no new rooms, rooms paused; and recovers', async () => {
    const [a, b] = twoOf(cluster);
    const ann = await createRoom(a.url, 'Ann');
    const bob = await joinRoom(b.url, ann.joined.roomCode, 'Bob');
    sockets.push(ann.socket, bob.socket);
    await waitForSnapshot(bob.socket, (s) => s.players.length === 2);
    const annSaw = recordSnapshots(ann.socket);
    const paused = waitFor(ann.socket, 'server:notice', undefined, 10_000);

    await cluster.redis.stop('SIGKILL');
    for (const { url } of [a, b])
      expect(await readiness(url, 503)).toMatchObject({ status: 'cluster-unavailable' });
    expect(await paused).toMatchObject({ code: ErrorCode.ClusterUnavailable });
    const tickWhenPaused = annSaw.at(-1)!.tick;

    const maker = connectPlayer(b.url);
    sockets.push(maker);
    const refused = waitFor(maker, 'error');
    maker.emit('room:create', { name: 'Cy' });
    expect(await refused).toMatchObject({
      code: ErrorCode.ClusterUnavailable,
      event: 'room:create',
    });
    // The paused room did not tick.
    expect(annSaw.at(-1)!.tick).toBe(tickWhenPaused);

    await cluster.redis.restart();
    for (const { url } of [a, b])
      expect(await readiness(url, 200)).toMatchObject({ status: 'ready' });
    // The room goes on from where it paused, for the players of both processes.
    await waitForSnapshot(ann.socket, (s) => s.tick > tickWhenPaused + 5, 10_000);
    await waitForSnapshot(bob.socket, (s) => s.tick > tickWhenPaused + 5, 10_000);
    // Its owner wrote it into the new Redis: lease, checkpoint, lobby entry.
    const code = ann.joined.roomCode;
    expect(leaseOf(cluster, code)).not.toBeNull();
    const saved = () => cluster.redis.cli('HEXISTS', `arena:room:{${code}}:checkpoint`, 'data');
    await expect.poll(saved).toBe('1');
    await expect.poll(() => cluster.redis.cli('HEXISTS', 'arena:lobby', code)).toBe('1');

    const made = waitFor(maker, 'room:joined', undefined, 10_000);
    maker.emit('room:create', { name: 'Cy' });
    expect((await made).roomCode).toMatch(/^[A-Z0-9]{5}$/);
  }, 120_000);
});

/**
 * A process of a cluster stopped with SIGTERM hands its rooms over instead of closing them: a
 * last checkpoint, its lease released, its players disconnected so that they come back through
 * another process. Not one tick or point is lost. And a lone process with REDIS_URL that
 * restarts gets its rooms back from Redis, its players their seats.
 */
import { ErrorCode } from '@arena/shared/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  metric,
  playUntilScored,
  recordSnapshots,
  scoresOf,
  startCluster,
  twoOf,
  type TestCluster,
} from '../support/cluster.js';
import { disconnectOf } from '../support/connections.js';
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

let cluster: TestCluster | undefined;
const sockets: PlayerSocket[] = [];

afterEach(async () => {
  closeAll(sockets);
  await cluster?.stop();
  cluster = undefined;
});

describe.skipIf(SKIP_WITHOUT_REDIS)('handing rooms over', () => {
  it('SIGTERM: the rooms go on in the other process, not one tick or point lost', async () => {
    cluster = await startCluster(2);
    const [leaving, staying] = twoOf(cluster);
    const ann = await createRoom(leaving.url, 'Ann');
    const bob = await joinRoom(staying.url, ann.joined.roomCode, 'Bob');
    sockets.push(ann.socket, bob.socket);
    await playUntilScored([
      { socket: ann.socket, id: ann.joined.selfId },
      { socket: bob.socket, id: bob.joined.selfId },
    ]);

    const bobSaw = recordSnapshots(bob.socket);
    await waitForSnapshot(bob.socket);
    const notice = waitFor(ann.socket, 'server:notice');
    const annDropped = disconnectOf(ann.socket, 15_000);
    const bobBack = waitFor(bob.socket, 'room:joined', (j) => j.resumed, 15_000);
    leaving.child.kill('SIGTERM');

    expect((await notice).code).toBe(ErrorCode.ServerShuttingDown);
    // A dropped transport, not a socket.io disconnect: the client reconnects by itself.
    expect(await annDropped).toBe('transport close');
    expect(await bobBack).toMatchObject({ selfId: bob.joined.selfId });
    const lastBefore = bobSaw.at(-1)!;
    const firstAfter = await waitForSnapshot(bob.socket);
    expect(firstAfter.tick).toBe(lastBefore.tick + 1);
    expect(scoresOf(firstAfter)).toEqual(scoresOf(lastBefore));

    const annAgain = connectPlayer(staying.url, { sessionToken: ann.joined.sessionToken });
    sockets.push(annAgain);
    const annBack = await waitFor(annAgain, 'room:joined', undefined, 10_000);
    expect(annBack).toMatchObject({ selfId: ann.joined.selfId, resumed: true });
    const exit = await leaving.exited;
    if (exit.code !== 0) console.log(leaving.output());
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await metric(staying.url, 'arena_cluster_takeovers_total{cause="released"}')).toBe(1);
  }, 120_000);

  it('a lone process with REDIS_URL that restarts gets its rooms back, with seats and scores', async () => {
    cluster = await startCluster(1);
    const first = cluster.servers[0]!;
    const ann = await createRoom(first.url, 'Ann');
    sockets.push(ann.socket);
    await playUntilScored([{ socket: ann.socket, id: ann.joined.selfId }]);
    const heard = waitFor(ann.socket, 'chat:message');
    ann.socket.emit('chat:send', { text: 'still here after a restart' });
    await heard;
    const lastBefore = await waitForSnapshot(ann.socket);

    first.child.kill('SIGTERM');
    await first.exited;
    const second = await cluster.add();
    const annAgain = connectPlayer(second.url, { sessionToken: ann.joined.sessionToken });
    sockets.push(annAgain);
    const back = await waitFor(annAgain, 'room:joined', undefined, 10_000);
    expect(back).toMatchObject({ roomCode: ann.joined.roomCode, selfId: ann.joined.selfId });
    expect(back.chatHistory.map((m) => m.text)).toContain('still here after a restart');
    const firstAfter = await waitForSnapshot(annAgain);
    expect(scoresOf(firstAfter)).toEqual(scoresOf(lastBefore));
  }, 120_000);
});

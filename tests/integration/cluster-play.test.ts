/**
 * Two server processes, one Redis: players connected to different processes play in one room
 * and see each other move, chat crosses, the lobby and quick play see the rooms of both, a
 * private room's code works from either, snapshots stay out of the adapter's stream, and a
 * player whose connection drops picks up on the other process what it missed.
 */
import { ErrorCode, PROTOCOL_VERSION, SnapshotKind, wireParser } from '@arena/shared/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drive, metric, startCluster, twoOf, type TestCluster } from '../support/cluster.js';
import { startFrontProxy, type FrontProxy } from '@arena/server';
import { io } from 'socket.io-client';
import { freePort } from '@arena/devkit';
import {
  closeAll,
  connectPlayer,
  createRoom,
  joinRoom,
  readSnapshotStream,
  waitFor,
  waitForSnapshot,
  waitForTicks,
  type PlayerSocket,
} from '../support/player.js';
import { SKIP_WITHOUT_REDIS } from '../support/redis-process.js';
import { Button } from '@arena/shared/protocol';

let cluster: TestCluster;
const sockets: PlayerSocket[] = [];
const url = (i: number) => cluster.servers[i]!.url;

beforeAll(async () => {
  cluster = await startCluster(2);
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});
afterEach(() => closeAll(sockets));

describe.skipIf(SKIP_WITHOUT_REDIS)('a cluster of two processes', () => {
  it('lets players on different processes play in one room and see each other move', async () => {
    const host = await createRoom(url(0), 'Ann');
    sockets.push(host.socket);
    // The owner counts its leases (its rooms' and the codes it keeps ready) as soon as it has
    // them, not at its next renewal.
    expect(await metric(url(0), 'arena_cluster_leases_held')).toBeGreaterThan(0);
    const guest = await joinRoom(url(1), host.joined.roomCode, 'Bob');
    sockets.push(guest.socket);
    expect(guest.joined.players.map((p) => p.name)).toEqual(['Ann', 'Bob']);
    const annId = host.joined.selfId;
    const bobId = guest.joined.selfId;

    const start = await waitForSnapshot(host.socket, (s) => s.players.length === 2);
    const bobAt = start.players.find((p) => p.id === bobId)!;
    const annAt = start.players.find((p) => p.id === annId)!;
    const stopBob = drive(guest.socket, bobId, () => Button.Right);
    const stopAnn = drive(host.socket, annId, () => Button.Down);
    // Each sees the other move: Bob's inputs crossed to the owner, Ann's moves came back.
    await waitForSnapshot(
      host.socket,
      (s) => s.players.find((p) => p.id === bobId)!.x > bobAt.x + 40,
    );
    await waitForSnapshot(
      guest.socket,
      (s) => s.players.find((p) => p.id === annId)!.y > annAt.y + 40,
    );
    stopBob();
    stopAnn();

    const toAnn = waitFor(host.socket, 'chat:message', (m) => m.text === 'hello from B');
    guest.socket.emit('chat:send', { text: 'hello from B' });
    expect(await toAnn).toMatchObject({ from: 'Bob', fromId: bobId });
    const toBob = waitFor(guest.socket, 'chat:message', (m) => m.text === 'hello from A');
    host.socket.emit('chat:send', { text: 'hello from A' });
    expect(await toBob).toMatchObject({ from: 'Ann', fromId: annId });

    // Bob's inputs went from process 1 to the room's owner, process 0, which measured them.
    expect(
      await metric(url(1), 'arena_cluster_forwarded_total{kind="player:input"}'),
    ).toBeGreaterThan(0);
    expect(
      await metric(url(0), 'arena_cluster_forwarded_input_latency_seconds_count'),
    ).toBeGreaterThan(0);

    // Leaving through the other process frees the seat at the owner, and Ann hears it.
    const left = waitFor(host.socket, 'player:left', (p) => p.id === bobId);
    const bobLeft = waitFor(guest.socket, 'room:left');
    guest.socket.emit('room:leave', {});
    await Promise.all([left, bobLeft]);
  });

  it("gives a member on another process than the room's a keyframe, then deltas, and a keyframe when it asks", async () => {
    const host = await createRoom(url(0), 'Gus', { isPublic: false });
    sockets.push(host.socket);
    await waitForTicks(host.socket, 3);
    const guest = connectPlayer(url(1));
    sockets.push(guest);
    const kinds: number[] = [];
    guest.on('state:snapshot', (frame) => kinds.push(new Uint8Array(frame)[0]!));
    const joined = waitFor(guest, 'room:joined');
    guest.emit('room:join', { code: host.joined.roomCode, name: 'Hal' });
    await joined;
    // Every frame read by the guest's one decoder (waitForTicks reads only frames it applied).
    const seen = await waitForTicks(guest, 10);
    expect(seen.players).toHaveLength(2);
    expect(kinds[0]).toBe(SnapshotKind.Keyframe);
    expect(kinds.slice(1).every((kind) => kind === SnapshotKind.Delta)).toBe(true);
    // state:resync is answered by the process the member is connected to.
    const before = kinds.length;
    guest.emit('state:resync', {});
    await waitForTicks(guest, 10);
    expect(kinds.slice(before).filter((kind) => kind === SnapshotKind.Keyframe)).toHaveLength(1);
    expect(await metric(url(1), 'arena_snapshot_keyframes_sent_total')).toBeGreaterThanOrEqual(2);
  });

  it('shows the rooms of both processes in the lobby, and quick play fills the fullest', async () => {
    const small = await createRoom(url(0), 'Cy', { isPublic: true });
    const big = await createRoom(url(1), 'Di', { isPublic: true });
    const second = await joinRoom(url(1), big.joined.roomCode, 'Ed');
    const hidden = await createRoom(url(0), 'Flo', { isPublic: false });
    sockets.push(small.socket, big.socket, second.socket, hidden.socket);

    for (const i of [0, 1]) {
      const watcher = connectPlayer(url(i));
      sockets.push(watcher);
      const listed = waitFor(
        watcher,
        'lobby:rooms',
        ({ rooms }) =>
          rooms.some((r) => r.code === small.joined.roomCode && r.players === 1) &&
          rooms.some((r) => r.code === big.joined.roomCode && r.players === 2),
        10_000,
      );
      watcher.emit('lobby:subscribe', {});
      const { rooms } = await listed;
      expect(rooms.map((r) => r.code)).not.toContain(hidden.joined.roomCode);
    }

    // Quick play on process 0 goes to the fullest public room, which runs on process 1.
    const quick = connectPlayer(url(0));
    sockets.push(quick);
    const joined = waitFor(quick, 'room:joined');
    quick.emit('room:quickplay', { name: 'Gus' });
    expect((await joined).roomCode).toBe(big.joined.roomCode);

    // A private room's code works from the other process; an unknown code fails on both.
    const byCode = await joinRoom(url(1), hidden.joined.roomCode, 'Hal');
    sockets.push(byCode.socket);
    expect(byCode.joined.players.map((p) => p.name)).toEqual(['Flo', 'Hal']);
    for (const i of [0, 1]) {
      const lost = connectPlayer(url(i));
      sockets.push(lost);
      const refused = waitFor(lost, 'error');
      lost.emit('room:join', { code: 'ZZZZZ', name: 'Ivy' });
      expect(await refused).toMatchObject({ code: ErrorCode.RoomNotFound, event: 'room:join' });
    }
  });

  it('keeps snapshots out of the adapter stream: chat is there for recovery, snapshots are not', async () => {
    const host = await createRoom(url(0), 'Jo');
    const guest = await joinRoom(url(1), host.joined.roomCode, 'Kim');
    sockets.push(host.socket, guest.socket);
    await waitForSnapshot(guest.socket, (s) => s.players.length === 2);
    const heard = waitFor(guest.socket, 'chat:message', (m) => m.text === 'kept for replay');
    host.socket.emit('chat:send', { text: 'kept for replay' });
    await heard;
    const stream = cluster.redis.cli('XRANGE', 'arena:socket.io', '-', '+');
    expect(stream).toContain('kept for replay');
    expect(stream).not.toContain('state:snapshot');
    expect(await metric(url(0), 'arena_cluster_snapshots_relayed_total')).toBeGreaterThan(0);
  });
});

describe.skipIf(SKIP_WITHOUT_REDIS)('connection-state recovery across processes', () => {
  let front: FrontProxy | undefined;
  afterAll(async () => {
    await front?.close();
  });

  it('a player dropped for a moment picks up, through another process, the chat it missed', async () => {
    const [a, b] = twoOf(cluster);
    const portOf = (server: { url: string }) => Number(new URL(server.url).port);
    let backends = [portOf(a)];
    const frontPort = await freePort();
    front = await startFrontProxy('127.0.0.1', frontPort, () => backends);

    const host = await createRoom(a.url, 'Lea');
    sockets.push(host.socket);
    let token = '';
    const traveler: PlayerSocket = io(`http://127.0.0.1:${frontPort}`, {
      transports: ['websocket'],
      forceNew: true,
      parser: wireParser,
      reconnectionDelay: 1000,
      // No token until it has a seat: the handshake refuses an empty one.
      auth: (cb) =>
        cb({ protocolVersion: PROTOCOL_VERSION, ...(token ? { sessionToken: token } : {}) }),
    });
    sockets.push(readSnapshotStream(traveler));
    const joined = waitFor(traveler, 'room:joined');
    traveler.emit('room:join', { code: host.joined.roomCode, name: 'Max' });
    token = (await joined).sessionToken;
    const first = waitFor(traveler, 'chat:message', (m) => m.text === 'before the drop');
    host.socket.emit('chat:send', { text: 'before the drop' });
    await first;
    const id = traveler.id;

    // The traveler's connection drops; its next one goes through the proxy to process 1.
    backends = [portOf(b)];
    const dropped = waitFor(host.socket, 'player:connection', (c) => !c.connected);
    traveler.io.engine.close();
    await dropped;
    host.socket.emit('chat:send', { text: 'while you were away' });
    const missed = waitFor(
      traveler,
      'chat:message',
      (m) => m.text === 'while you were away',
      10_000,
    );
    const seatBack = waitFor(traveler, 'room:joined', (j) => j.resumed, 10_000);
    await missed;
    expect(traveler.recovered).toBe(true);
    expect(traveler.id).toBe(id);
    expect(await seatBack).toMatchObject({ roomCode: host.joined.roomCode });
  });
});

/** Reconnection keeps your seat: same id, score and place within the grace period; not after. */
import { Button, ErrorCode } from '@arena/shared/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAll,
  connectPlayer,
  connected,
  createRoom,
  joinRoom,
  waitFor,
  waitForSnapshot,
  type PlayerSocket,
} from '../support/player.js';
import { RawSocket } from '../support/raw-socket.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
const sockets: PlayerSocket[] = [];

afterEach(async () => {
  closeAll(sockets);
  await server.close();
});

/** Gives a player a score on the server, as if they had picked up coins. */
function setScore(code: string, playerId: number, score: number): void {
  const room = server.services.rooms.get(code)!;
  room.sim.world.players.find((p) => p.id === playerId)!.score = score;
}

async function setUpPair(graceSeconds: number) {
  server = await startServer({ RECONNECT_GRACE_SECONDS: graceSeconds });
  const host = await createRoom(server.url, 'Host');
  const guest = await joinRoom(server.url, host.joined.roomCode, 'Guest');
  sockets.push(host.socket, guest.socket);
  for (let seq = 1; seq <= 10; seq++)
    guest.socket.emit('player:input', { seq, buttons: Button.Down });
  await waitForSnapshot(host.socket, (s) =>
    s.acks.some((a) => a.playerId === guest.joined.selfId && a.seq === 10),
  );
  setScore(host.joined.roomCode, guest.joined.selfId, 7);
  const before = await waitForSnapshot(
    host.socket,
    (s) => s.players.find((p) => p.id === guest.joined.selfId)!.vy === 0,
  );
  return { host, guest, before: before.players.find((p) => p.id === guest.joined.selfId)! };
}

describe('reconnection', () => {
  it('gives a dropped player their seat back by session token: same id, score and position', async () => {
    const { host, guest, before } = await setUpPair(30);
    const dropped = waitFor(host.socket, 'player:connection', (p) => !p.connected);
    guest.socket.disconnect(); // the transport is gone; the client comes back on a new socket
    expect((await dropped).id).toBe(guest.joined.selfId);
    const held = await waitForSnapshot(host.socket, (s) =>
      s.players.some((p) => p.id === guest.joined.selfId && !p.connected),
    );
    expect(held.players).toHaveLength(2);

    const back = connectPlayer(server.url, { sessionToken: guest.joined.sessionToken });
    sockets.push(back);
    const returned = waitFor(host.socket, 'player:connection', (p) => p.connected);
    const joined = await waitFor(back, 'room:joined');
    expect(joined).toMatchObject({
      resumed: true,
      selfId: guest.joined.selfId,
      roomCode: host.joined.roomCode,
    });
    expect((await returned).id).toBe(guest.joined.selfId);
    const after = await waitForSnapshot(back, (s) =>
      s.players.some((p) => p.id === guest.joined.selfId && p.connected),
    );
    const me = after.players.find((p) => p.id === guest.joined.selfId)!;
    expect([me.x, me.y]).toEqual([before.x, before.y]);
    // The score it had, or more: a coin may spawn under a player resting in its held seat.
    expect(me.score).toBeGreaterThanOrEqual(7);
    // It plays on: a fresh connection's inputs count from seq 1 again.
    back.emit('player:input', { seq: 1, buttons: Button.Right });
    await waitForSnapshot(back, (s) => s.acks.some((a) => a.playerId === me.id && a.seq === 1));
  });

  it('bridges a transport cut through socket.io connection-state recovery', async () => {
    server = await startServer({ RECONNECT_GRACE_SECONDS: 30 });
    const host = await createRoom(server.url, 'Host');
    sockets.push(host.socket);
    const guestSocket = connectPlayer(server.url);
    // This one reconnects by itself, like the browser client; the token rides in auth.
    guestSocket.io.reconnection(true).reconnectionDelay(50);
    sockets.push(guestSocket);
    const joinedFirst = waitFor(guestSocket, 'room:joined');
    guestSocket.emit('room:join', { code: host.joined.roomCode, name: 'Guest' });
    const first = await joinedFirst;
    (guestSocket.auth as Record<string, unknown>).sessionToken = first.sessionToken;
    await waitForSnapshot(guestSocket);

    const rejoined = waitFor(guestSocket, 'room:joined', (p) => p.resumed);
    guestSocket.io.engine.close(); // cut the transport under the client
    const again = await rejoined;
    expect(guestSocket.recovered).toBe(true);
    expect(again.selfId).toBe(first.selfId);
    const snapshot = await waitForSnapshot(
      host.socket,
      (s) => s.players.length === 2 && s.players.every((p) => p.connected),
    );
    expect(snapshot.players.map((p) => p.id)).toContain(first.selfId);
  });

  it('notices a connection gone silent within the configured heartbeat, and holds its seat', async () => {
    server = await startServer({ HEARTBEAT_INTERVAL_MS: 1000, HEARTBEAT_TIMEOUT_MS: 1000 });
    const host = await createRoom(server.url, 'Host');
    sockets.push(host.socket);
    const quiet = await RawSocket.open(server.port);
    await quiet.connect();
    const joined = waitFor(host.socket, 'player:joined');
    quiet.send(`42${JSON.stringify(['room:join', { code: host.joined.roomCode, name: 'Quiet' }])}`);
    const { id } = await joined;
    // Its network went away without a close: no more pongs. The default heartbeat (10 s +
    // 10 s) would take far longer than this wait to notice.
    quiet.answerPings = false;
    const dropped = await waitFor(host.socket, 'player:connection', (p) => !p.connected, 5000);
    expect(dropped.id).toBe(id);
    expect(server.services.rooms.get(host.joined.roomCode)!.seats.has(id)).toBe(true);
    await quiet.close();
  });

  it('frees the seat after the grace period; the old token then gives nothing back', async () => {
    server = await startServer({ RECONNECT_GRACE_SECONDS: 0.3 });
    const host = await createRoom(server.url, 'Host');
    const guest = await joinRoom(server.url, host.joined.roomCode, 'Guest');
    sockets.push(host.socket);
    const left = waitFor(host.socket, 'player:left');
    guest.socket.disconnect();
    expect((await left).id).toBe(guest.joined.selfId);

    const late = connectPlayer(server.url, { sessionToken: guest.joined.sessionToken });
    sockets.push(late);
    await connected(late);
    let resumed = false;
    late.on('room:joined', () => (resumed = true));
    const error = waitFor(late, 'error');
    late.emit('player:input', { seq: 1, buttons: 0 });
    expect((await error).code).toBe(ErrorCode.NotInRoom);
    expect(resumed).toBe(false);
    const snapshot = await waitForSnapshot(host.socket);
    expect(snapshot.players.map((p) => p.id)).toEqual([host.joined.selfId]);
  });

  it('lets a second tab with the same session take the seat over, without a duplicate player', async () => {
    server = await startServer({ RECONNECT_GRACE_SECONDS: 30 });
    const host = await createRoom(server.url, 'Host');
    sockets.push(host.socket);
    const secondTab = connectPlayer(server.url, { sessionToken: host.joined.sessionToken });
    sockets.push(secondTab);
    const replaced = waitFor(host.socket, 'error', (e) => e.code === ErrorCode.SessionReplaced);
    const joined = await waitFor(secondTab, 'room:joined');
    expect(joined).toMatchObject({ resumed: true, selfId: host.joined.selfId });
    await replaced;
    const snapshot = await waitForSnapshot(secondTab);
    expect(snapshot.players).toHaveLength(1);
    // The first tab no longer controls the player.
    const error = waitFor(host.socket, 'error', (e) => e.code === ErrorCode.NotInRoom);
    host.socket.emit('player:input', { seq: 1, buttons: Button.Left });
    await error;
  });
});

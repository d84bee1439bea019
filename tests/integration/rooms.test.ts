/** Rooms with real sockets: joining, seeing each other, moving, leaving, full rooms, isolation. */
import { Button, ErrorCode } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import {
  connectPlayer,
  createRoom,
  joinRoom,
  waitFor,
  waitForSnapshot,
} from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest({ MAX_PLAYERS_PER_ROOM: 3, RECONNECT_GRACE_SECONDS: 0 });

describe('rooms', () => {
  it('lets a second player join by code, and both see each other in snapshots', async () => {
    const host = await createRoom(ctx.server.url, 'Ada');
    ctx.sockets.push(host.socket);
    expect(host.joined.roomCode).toMatch(/^[A-Z2-9]{5}$/);
    const joinedSeen = waitFor(host.socket, 'player:joined');
    const guest = await joinRoom(ctx.server.url, host.joined.roomCode, 'Bob');
    ctx.sockets.push(guest.socket);
    expect((await joinedSeen).name).toBe('Bob');
    expect(guest.joined.players.map((p) => p.name).sort()).toEqual(['Ada', 'Bob']);
    const ids = [host.joined.selfId, guest.joined.selfId];
    for (const socket of [host.socket, guest.socket]) {
      const snapshot = await waitForSnapshot(socket, (s) => s.players.length === 2);
      expect(snapshot.players.map((p) => p.id).sort()).toEqual(ids.sort());
    }
  });

  it('gives players who ask for the same colour different ones, and tells everyone', async () => {
    const red = 0xff5252;
    const host = connectPlayer(ctx.server.url);
    const guest = connectPlayer(ctx.server.url);
    ctx.sockets.push(host, guest);
    const hostJoined = waitFor(host, 'room:joined');
    host.emit('room:create', { name: 'Ada', color: red });
    const { roomCode } = await hostJoined;
    const heard = waitFor(host, 'player:joined');
    const guestJoined = waitFor(guest, 'room:joined');
    guest.emit('room:join', { code: roomCode, name: 'Bob', color: red });
    const colors = (await guestJoined).players.map((p) => p.color);
    expect(colors).toHaveLength(2);
    expect(colors).toContain(red);
    expect(new Set(colors).size).toBe(2);
    // The host hears of the guest with the colour it was given, not the one it asked for.
    expect((await heard).color).toBe(colors.find((c) => c !== red));
  });

  it('moves the sender on the server when it sends inputs, and acknowledges their seq', async () => {
    const host = await createRoom(ctx.server.url, 'Ada');
    const guest = await joinRoom(ctx.server.url, host.joined.roomCode, 'Bob');
    ctx.sockets.push(host.socket, guest.socket);
    const selfId = host.joined.selfId;
    const start = await waitForSnapshot(guest.socket, (s) => s.players.length === 2);
    const startX = start.players.find((p) => p.id === selfId)!.x;
    const guestStart = start.players.find((p) => p.id === guest.joined.selfId)!;
    for (let seq = 1; seq <= 15; seq++)
      host.socket.emit('player:input', { seq, buttons: Button.Right });
    // The guest (another client) sees the host move right; the host's input is acknowledged.
    const moved = await waitForSnapshot(
      guest.socket,
      (s) => s.players.find((p) => p.id === selfId)!.x > startX + 20,
    );
    const guestNow = moved.players.find((p) => p.id === guest.joined.selfId)!;
    expect(guestNow.x).toBe(guestStart.x);
    const acked = await waitForSnapshot(host.socket, (s) =>
      s.acks.some((a) => a.playerId === selfId && a.seq >= 4),
    );
    expect(acked.acks.find((a) => a.playerId === selfId)!.seq).toBeGreaterThanOrEqual(4);
  });

  it('removes a player who leaves, for everyone', async () => {
    const host = await createRoom(ctx.server.url, 'Ada');
    const guest = await joinRoom(ctx.server.url, host.joined.roomCode, 'Bob');
    ctx.sockets.push(host.socket, guest.socket);
    const left = waitFor(host.socket, 'player:left');
    guest.socket.emit('room:leave', {});
    await waitFor(guest.socket, 'room:left');
    expect((await left).id).toBe(guest.joined.selfId);
    const snapshot = await waitForSnapshot(host.socket, (s) => s.players.length === 1);
    expect(snapshot.players[0]!.id).toBe(host.joined.selfId);
  });

  it('removes a player whose connection closes (no grace period configured)', async () => {
    const host = await createRoom(ctx.server.url, 'Ada');
    const guest = await joinRoom(ctx.server.url, host.joined.roomCode, 'Bob');
    ctx.sockets.push(host.socket);
    const left = waitFor(host.socket, 'player:left');
    guest.socket.disconnect();
    expect((await left).id).toBe(guest.joined.selfId);
  });

  it('refuses a player when the room is full, with a clear error', async () => {
    const host = await createRoom(ctx.server.url, 'P1');
    ctx.sockets.push(host.socket);
    for (const name of ['P2', 'P3'])
      ctx.sockets.push((await joinRoom(ctx.server.url, host.joined.roomCode, name)).socket);
    const late = connectPlayer(ctx.server.url);
    ctx.sockets.push(late);
    const error = waitFor(late, 'error');
    late.emit('room:join', { code: host.joined.roomCode, name: 'P4' });
    expect(await error).toMatchObject({ code: ErrorCode.RoomFull, event: 'room:join' });
    expect(ctx.server.services.rooms.get(host.joined.roomCode)!.seats.size).toBe(3);
  });

  it('answers an unknown room code with ROOM_NOT_FOUND', async () => {
    const socket = connectPlayer(ctx.server.url);
    ctx.sockets.push(socket);
    const error = waitFor(socket, 'error');
    socket.emit('room:join', { code: 'ZZZZZ', name: 'Nobody' });
    expect((await error).code).toBe(ErrorCode.RoomNotFound);
  });

  it('keeps two rooms isolated', async () => {
    const a = await createRoom(ctx.server.url, 'InA');
    const b = await createRoom(ctx.server.url, 'InB');
    ctx.sockets.push(a.socket, b.socket);
    expect(a.joined.roomCode).not.toBe(b.joined.roomCode);
    const snapshotA = await waitForSnapshot(a.socket);
    const snapshotB = await waitForSnapshot(b.socket);
    expect(snapshotA.players).toHaveLength(1);
    expect(snapshotB.players).toHaveLength(1);
    let leaked = false;
    a.socket.on('player:joined', () => (leaked = true));
    ctx.sockets.push((await joinRoom(ctx.server.url, b.joined.roomCode, 'AlsoB')).socket);
    await waitForSnapshot(b.socket, (s) => s.players.length === 2);
    const laterA = await waitForSnapshot(a.socket);
    expect(laterA.players).toHaveLength(1);
    expect(leaked).toBe(false);
  });

  it('disposes of a room once its last member leaves', async () => {
    const host = await createRoom(ctx.server.url, 'Solo');
    ctx.sockets.push(host.socket);
    expect(ctx.server.services.rooms.get(host.joined.roomCode)).toBeDefined();
    host.socket.emit('room:leave', {});
    await waitFor(host.socket, 'room:left');
    expect(ctx.server.services.rooms.get(host.joined.roomCode)).toBeUndefined();
  });
});

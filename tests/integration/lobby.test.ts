/** The lobby list, private rooms and quick play, with real sockets. */
import { describe, expect, it } from 'vitest';
import { connectPlayer, createRoom, joinRoom, waitFor } from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest({ MAX_PLAYERS_PER_ROOM: 2 });

async function quickPlay(name: string) {
  const socket = connectPlayer(ctx.server.url);
  ctx.sockets.push(socket);
  const joined = waitFor(socket, 'room:joined');
  socket.emit('room:quickplay', { name });
  return joined;
}

describe('lobby', () => {
  it('lists public rooms live with their player counts, and never private ones', async () => {
    const watcher = connectPlayer(ctx.server.url);
    ctx.sockets.push(watcher);
    const first = waitFor(watcher, 'lobby:rooms');
    watcher.emit('lobby:subscribe', {});
    expect((await first).rooms).toEqual([]);

    const listed = waitFor(watcher, 'lobby:rooms', (p) => p.rooms.length === 1);
    const pub = await createRoom(ctx.server.url, 'Pub', { isPublic: true });
    const priv = await createRoom(ctx.server.url, 'Priv', { isPublic: false });
    ctx.sockets.push(pub.socket, priv.socket);
    const list = await listed;
    expect(list.rooms[0]).toMatchObject({
      code: pub.joined.roomCode,
      players: 1,
      maxPlayers: 2,
      phase: 'playing',
    });

    const grown = waitFor(watcher, 'lobby:rooms', (p) => p.rooms[0]?.players === 2);
    ctx.sockets.push((await joinRoom(ctx.server.url, pub.joined.roomCode, 'Second')).socket);
    const after = await grown;
    expect(after.rooms.map((r) => r.code)).toEqual([pub.joined.roomCode]);
    expect(after.rooms.some((r) => r.code === priv.joined.roomCode)).toBe(false);
    // A private room is still reachable by its code.
    ctx.sockets.push((await joinRoom(ctx.server.url, priv.joined.roomCode, 'Friend')).socket);
  });

  it('quick play fills the fullest public room with space, then makes a new one', async () => {
    const a = await quickPlay('A'); // no room yet: creates one
    const b = await quickPlay('B'); // joins A's room (1 of 2)
    expect(b.roomCode).toBe(a.roomCode);
    const c = await quickPlay('C'); // A's room is full: creates another
    expect(c.roomCode).not.toBe(a.roomCode);
    const priv = await createRoom(ctx.server.url, 'Private', { isPublic: false });
    ctx.sockets.push(priv.socket);
    const d = await quickPlay('D'); // never into a private room, even one with space
    expect(d.roomCode).toBe(c.roomCode);
  });

  it('prefers the fuller of two public rooms', async () => {
    const small = await createRoom(ctx.server.url, 'Small');
    ctx.sockets.push(small.socket);
    const big = await createRoom(ctx.server.url, 'Big');
    ctx.sockets.push(big.socket);
    // Make "Big" emptier than "Small" is not possible with 1 each; leave Small to make Big the fullest.
    small.socket.emit('room:leave', {});
    await waitFor(small.socket, 'room:left');
    const joined = await quickPlay('Q');
    expect(joined.roomCode).toBe(big.joined.roomCode);
  });
});

/** Spectators watch but cannot play; chat is plain text, limited, and remembered for joiners. */
import { ErrorCode } from '@arena/shared/protocol';
import { describe, expect, it, vi } from 'vitest';
import { connectPlayer, createRoom, joinRoom, waitFor, waitForTicks } from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest({ MAX_PLAYERS_PER_ROOM: 1 });

async function spectate(code: string) {
  const socket = connectPlayer(ctx.server.url);
  ctx.sockets.push(socket);
  const joined = waitFor(socket, 'room:joined');
  socket.emit('room:join', { code, name: 'Watcher', spectate: true });
  return { socket, joined: await joined };
}

describe('spectators', () => {
  it('receive snapshots, and their inputs are refused with a clear error', async () => {
    const host = await createRoom(ctx.server.url, 'Player');
    ctx.sockets.push(host.socket);
    const watcher = await spectate(host.joined.roomCode);
    expect(watcher.joined).toMatchObject({ role: 'spectator', selfId: 0 });
    const snapshot = await waitForTicks(watcher.socket, 3);
    expect(snapshot.players.map((p) => p.id)).toEqual([host.joined.selfId]);
    const error = waitFor(watcher.socket, 'error');
    watcher.socket.emit('player:input', { seq: 1, buttons: 1 });
    expect(await error).toMatchObject({
      code: ErrorCode.SpectatorCannotPlay,
      event: 'player:input',
    });
  });

  it('a full room refuses a player but offers to watch, and watching works', async () => {
    const host = await createRoom(ctx.server.url, 'Player');
    ctx.sockets.push(host.socket);
    const late = connectPlayer(ctx.server.url);
    ctx.sockets.push(late);
    const error = waitFor(late, 'error');
    late.emit('room:join', { code: host.joined.roomCode, name: 'Late' });
    const refusal = await error;
    expect(refusal.code).toBe(ErrorCode.RoomFull);
    expect(refusal.message).toMatch(/watch/i);
    const joined = waitFor(late, 'room:joined');
    late.emit('room:join', { code: host.joined.roomCode, name: 'Late', spectate: true });
    expect((await joined).role).toBe('spectator');
  });

  it('are announced to the players: who watches is never hidden', async () => {
    const host = await createRoom(ctx.server.url, 'Player');
    ctx.sockets.push(host.socket);
    expect(host.joined.spectators).toEqual([]);
    const announced = waitFor(host.socket, 'room:spectators');
    const watcher = await spectate(host.joined.roomCode);
    expect((await announced).names).toEqual(['Watcher']);
    expect(watcher.joined.spectators).toEqual(['Watcher']);
    const gone = waitFor(host.socket, 'room:spectators');
    watcher.socket.emit('room:leave', {});
    expect((await gone).names).toEqual([]);
  });
});

describe('spectators after a blip', () => {
  it('go on watching when socket.io recovers their connection, and chat under their name', async () => {
    const host = await createRoom(ctx.server.url, 'Player');
    ctx.sockets.push(host.socket);
    const watcher = connectPlayer(ctx.server.url);
    watcher.io.reconnection(true).reconnectionDelay(50);
    ctx.sockets.push(watcher);
    const joined = waitFor(watcher, 'room:joined');
    watcher.emit('room:join', { code: host.joined.roomCode, name: 'Eve', spectate: true });
    await joined;
    const room = ctx.server.services.rooms.get(host.joined.roomCode)!;
    expect(room.spectators.size).toBe(1);

    const back = waitFor(watcher, 'room:joined', (p) => p.resumed && p.role === 'spectator');
    watcher.io.engine.close();
    await back;
    expect(watcher.recovered).toBe(true);
    expect(room.spectators.size).toBe(1);
    const said = waitFor(host.socket, 'chat:message');
    watcher.emit('chat:send', { text: 'still here' });
    expect(await said).toMatchObject({ from: 'Eve', fromId: 0, text: 'still here' });
  });
});

describe('spectators after a blip, when their place was taken', () => {
  it('are back in the lobby, and no longer receive the room', async () => {
    await ctx.restartWith({ MAX_PLAYERS_PER_ROOM: 1, MAX_SPECTATORS_PER_ROOM: 1 });
    const host = await createRoom(ctx.server.url, 'Player');
    ctx.sockets.push(host.socket);
    const watcher = connectPlayer(ctx.server.url);
    watcher.io.reconnection(true).reconnectionDelay(300).reconnectionDelayMax(300);
    ctx.sockets.push(watcher);
    const joined = waitFor(watcher, 'room:joined');
    watcher.emit('room:join', { code: host.joined.roomCode, name: 'Eve', spectate: true });
    await joined;

    const room = ctx.server.services.rooms.get(host.joined.roomCode)!;
    const recovered = new Promise<void>((resolve) => watcher.once('connect', resolve));
    watcher.io.engine.close();
    // While Eve is away, someone else takes the only place to watch.
    await vi.waitFor(() => expect(room.spectators.size).toBe(0));
    const other = await spectate(host.joined.roomCode);
    expect(other.joined.role).toBe('spectator');
    await recovered;
    expect(watcher.recovered).toBe(true);

    let snapshotsAfter = 0;
    watcher.on('state:snapshot', () => (snapshotsAfter += 1));
    await waitForTicks(host.socket, 10);
    expect(snapshotsAfter).toBe(0);
    expect(room.spectators.size).toBe(1);
    expect(ctx.server.services.rooms.roomOf(watcher.id!)).toBeUndefined();
  });
});

describe('chat', () => {
  it('delivers HTML as inert text, exactly as typed, to everyone in the room', async () => {
    await ctx.restartWith({ MAX_PLAYERS_PER_ROOM: 4 });
    const host = await createRoom(ctx.server.url, 'Host');
    const guest = await joinRoom(ctx.server.url, host.joined.roomCode, 'Guest');
    ctx.sockets.push(host.socket, guest.socket);
    const html = '<img src=x onerror="alert(1)"><b>hi</b>';
    const received = waitFor(host.socket, 'chat:message');
    guest.socket.emit('chat:send', { text: html });
    expect(await received).toMatchObject({
      from: 'Guest',
      fromId: guest.joined.selfId,
      text: html,
    });
  });

  it('strips control characters and refuses over-long messages', async () => {
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const received = waitFor(host.socket, 'chat:message');
    host.socket.emit('chat:send', { text: 'a\u0000b\u202Ec\n\nd' });
    expect((await received).text).toBe('abc d');
    const error = waitFor(host.socket, 'error');
    host.socket.emit('chat:send', { text: 'x'.repeat(201) });
    expect((await error).code).toBe(ErrorCode.InvalidPayload);
  });

  it('rate-limits chat with an error and keeps the socket', async () => {
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const limited = waitFor(host.socket, 'error', (e) => e.code === ErrorCode.RateLimited);
    for (let i = 0; i < 12; i++) host.socket.emit('chat:send', { text: `message ${i}` });
    expect((await limited).event).toBe('chat:send');
    await waitForTicks(host.socket, 3);
    expect(host.socket.connected).toBe(true);
  });

  it('shows recent history to someone who joins', async () => {
    await ctx.restartWith({ MAX_PLAYERS_PER_ROOM: 4 });
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const echoed = waitFor(host.socket, 'chat:message', (m) => m.text === 'second');
    host.socket.emit('chat:send', { text: 'first' });
    host.socket.emit('chat:send', { text: 'second' });
    await echoed;
    const guest = await joinRoom(ctx.server.url, host.joined.roomCode, 'Guest');
    ctx.sockets.push(guest.socket);
    expect(guest.joined.chatHistory.map((m) => m.text)).toEqual(['first', 'second']);
  });
});

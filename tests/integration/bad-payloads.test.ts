/** Bad payloads are answered with errors, change nothing, and the others keep playing. */
import { ErrorCode, PROTOCOL_VERSION, wireParser } from '@arena/shared/protocol';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import {
  connected,
  connectPlayer,
  createRoom,
  joinRoom,
  waitFor,
  waitForTicks,
} from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest();

describe('bad payloads', () => {
  it('answers each bad payload with an error while the others keep receiving snapshots', async () => {
    const host = await createRoom(ctx.server.url, 'Honest');
    const liar = await joinRoom(ctx.server.url, host.joined.roomCode, 'Liar');
    ctx.sockets.push(host.socket, liar.socket);
    const bad: [string, unknown][] = [
      ['player:input', { seq: -1, buttons: 1 }],
      ['player:input', { seq: 1.5, buttons: 1 }],
      ['player:input', { seq: 1, buttons: 1024 }],
      ['player:input', { seq: 1, buttons: 1, x: 500 }],
      ['player:input', 'not an object'],
      ['room:join', { code: 42 }],
      ['chat:send', { text: 'x'.repeat(5000) }],
    ];
    const errors: { code: string; event?: string }[] = [];
    liar.socket.on('error', (e) => errors.push(e));
    const room = ctx.server.services.rooms.get(host.joined.roomCode)!;
    const before = room.sim.world.players.find((p) => p.id === liar.joined.selfId)!;
    for (const [event, payload] of bad)
      (liar.socket.emit as (e: string, p: unknown) => void)(event, payload);
    (liar.socket.emit as (e: string, p: unknown) => void)('made:up', {});
    await waitForTicks(host.socket, 10);
    expect(errors.filter((e) => e.code === ErrorCode.InvalidPayload)).toHaveLength(bad.length);
    expect(errors.filter((e) => e.code === ErrorCode.UnknownEvent)).toHaveLength(1);
    const after = room.sim.world.players.find((p) => p.id === liar.joined.selfId)!;
    expect([after.x, after.y, after.score]).toEqual([before.x, before.y, before.score]);
    expect(liar.socket.connected).toBe(true);
  });

  it('refuses a client of another protocol version at the handshake', async () => {
    const old = connectPlayer(ctx.server.url, { protocolVersion: PROTOCOL_VERSION - 1 });
    ctx.sockets.push(old);
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      old.once('connect_error', resolve),
    );
    expect(error.data?.code).toBe(ErrorCode.ProtocolMismatch);
  });

  it('refuses a handshake auth with an unknown key or a wrong type, naming the key', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ protocolVersion: PROTOCOL_VERSION, sessionToken: 12345, bogus: true }, 'sessionToken'],
      [{ protocolVersion: PROTOCOL_VERSION, bogus: true }, 'bogus'],
      [{ protocolVersion: PROTOCOL_VERSION, sessionToken: 'x'.repeat(65) }, 'sessionToken'],
      [{ protocolVersion: PROTOCOL_VERSION, sessionToken: '' }, 'sessionToken'],
    ];
    for (const [auth, named] of bad) {
      const socket = io(ctx.server.url, {
        transports: ['websocket'],
        reconnection: false,
        parser: wireParser,
        auth,
      });
      ctx.sockets.push(socket);
      const error = await new Promise<Error & { data?: { code: string; message: string } }>(
        (resolve) => socket.once('connect_error', resolve),
      );
      expect(error.data?.code, JSON.stringify(auth)).toBe(ErrorCode.InvalidPayload);
      expect(error.data?.message).toContain(named);
    }
    // A well-formed auth with a token nobody holds is accepted: connected, in no room.
    const fine = connectPlayer(ctx.server.url, { sessionToken: 'no-such-seat' });
    ctx.sockets.push(fine);
    await connected(fine);
  });

  it('refuses input from a socket that is not in a room', async () => {
    const socket = connectPlayer(ctx.server.url);
    ctx.sockets.push(socket);
    const error = waitFor(socket, 'error');
    socket.emit('player:input', { seq: 1, buttons: 0 });
    expect((await error).code).toBe(ErrorCode.NotInRoom);
  });
});

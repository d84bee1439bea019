/**
 * Binary inputs read below socket.io (apps/server/src/socket/direct-inputs.ts), over real
 * sockets. A member's binary input on a WebSocket goes straight from engine.io's transport to
 * its room: socket.io's event dispatch (where any `onAny` listener would see it) never sees it,
 * yet it is rate-limited with the socket's other inputs, answered as before, and handled in
 * order with the `room:*` events around it. Whatever the shortcut cannot keep every guarantee
 * for goes the general way, and these tests see it arrive there.
 */
import { Button, encodeInput, ErrorCode, type Snapshot } from '@arena/shared/protocol';
import { packetMeterOf } from '@arena/server';
import { describe, expect, it } from 'vitest';
import {
  connectPlayer,
  connected,
  createRoom,
  waitFor,
  waitForSnapshot,
  waitForTicks,
  ackOf,
  sendInput,
  type PlayerSocket,
} from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest();

function serverSocketOf(client: PlayerSocket) {
  const socket = ctx.server.services.io.sockets.sockets.get(client.id!);
  if (!socket) throw new Error('no server-side socket for this client');
  return socket;
}

/** How many `event`s reached socket.io's event dispatch for this client's socket. */
function dispatchedInputs(client: PlayerSocket, event = 'player:input'): () => number {
  let count = 0;
  serverSocketOf(client).onAny((name: string) => {
    if (name === event) count += 1;
  });
  return () => count;
}

/** How many packets the connection's packet budget has charged since now. */
function meteredMessages(client: PlayerSocket): () => number {
  const meter = packetMeterOf(serverSocketOf(client).conn);
  if (!meter) throw new Error('no packet meter on this connection');
  const before = meter.charged;
  return () => meter.charged - before;
}

/** Every `error` a client receives, as it receives it. */
function errorsOf(client: PlayerSocket): { code: string; message: string; event?: string }[] {
  const errors: { code: string; message: string; event?: string }[] = [];
  client.on('error', (error) => errors.push(error));
  return errors;
}

/** Runs `send` with the client's TCP socket corked: whatever it sends goes in one write. */
function inOneWrite(client: PlayerSocket, send: () => void): void {
  const transport = client.io.engine.transport as unknown as {
    ws: { _socket: { cork(): void; uncork(): void } };
  };
  const tcp = transport.ws._socket;
  tcp.cork();
  send();
  tcp.uncork();
}

/** A player alone in a new room, its inputs watched where socket.io dispatches them. */
async function seatedPlayer(options: Parameters<typeof connectPlayer>[1] = {}) {
  const client = connectPlayer(ctx.server.url, options);
  ctx.sockets.push(client);
  const joined = waitFor(client, 'room:joined');
  client.emit('room:create', { name: 'Direct' });
  return { client, joined: await joined, dispatched: dispatchedInputs(client) };
}

describe('binary inputs read below socket.io', () => {
  it('reach the room without socket.io’s dispatch, move the player and are acknowledged', async () => {
    const { client, joined, dispatched } = await seatedPlayer();
    const errors = errorsOf(client);
    const metered = meteredMessages(client);
    const start = await waitForTicks(client, 1);
    for (let seq = 1; seq <= 10; seq++)
      sendInput(client, encodeInput({ seq, buttons: Button.Right }));
    const later = await waitForSnapshot(client, (s) => ackOf(s, joined.selfId) >= 10);
    const me = (s: Snapshot) => s.players.find((p) => p.id === joined.selfId)!;
    expect(me(later).x).toBeGreaterThan(me(start).x);
    expect(dispatched()).toBe(0);
    // Each one was charged to the connection's packet budget all the same.
    expect(metered()).toBe(10);
    // JSON inputs are text: socket.io reads them, as before.
    sendInput(client, { seq: 11, buttons: Button.Right });
    await waitForSnapshot(client, (s) => ackOf(s, joined.selfId) >= 11);
    expect(dispatched()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('answers a malformed one with INVALID_PAYLOAD naming why, as the general path does', async () => {
    const { client, dispatched } = await seatedPlayer();
    const errors = errorsOf(client);
    sendInput(client, new Uint8Array([1, 0, 0, 0]));
    await waitFor(client, 'error');
    expect(errors).toEqual([
      {
        code: ErrorCode.InvalidPayload,
        message: 'Binary input: a binary input is 5 or 11 bytes, got 4.',
        event: 'player:input',
      },
    ]);
    expect(dispatched()).toBe(0);
  });

  it('shares the socket’s one input rate limit with the JSON inputs socket.io reads', async () => {
    const { client, dispatched } = await seatedPlayer();
    const errors = errorsOf(client);
    const limited = waitFor(client, 'error', (e) => e.code === ErrorCode.RateLimited);
    // A burst of 20 JSON and 20 binary inputs against one bucket of a second's ticks (30).
    for (let seq = 1; seq <= 20; seq++) sendInput(client, { seq, buttons: 0 });
    for (let seq = 21; seq <= 40; seq++) sendInput(client, encodeInput({ seq, buttons: 0 }));
    expect(await limited).toEqual({
      code: ErrorCode.RateLimited,
      message: 'Too many player:input events; slow down.',
      event: 'player:input',
    });
    expect(dispatched()).toBe(20);
    expect(errors.every((e) => e.code === ErrorCode.RateLimited)).toBe(true);
  });

  it('holds a flood to the rate limit, then disconnects the flooder', async () => {
    const { client, dispatched } = await seatedPlayer();
    const metered = meteredMessages(client);
    const errors = errorsOf(client);
    const gone = new Promise<string>((resolve) => client.on('disconnect', resolve));
    for (let seq = 1; seq <= 400; seq++) sendInput(client, encodeInput({ seq, buttons: 0 }));
    expect(await gone).toBe('io server disconnect');
    expect(errors[0]?.code).toBe(ErrorCode.RateLimited);
    // A second's burst passed; then each refusal cost patience (100) until none was left.
    expect(metered()).toBeGreaterThan(100);
    expect(dispatched()).toBe(0);
  });

  it('keeps its place among the room events sent around it', async () => {
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const code = host.joined.roomCode;
    const guest = connectPlayer(ctx.server.url);
    ctx.sockets.push(guest);
    await connected(guest);
    const errors = errorsOf(guest);
    // A join, then an input at once: the input finds the seat the join took.
    const joined = waitFor(guest, 'room:joined');
    guest.emit('room:join', { code, name: 'Guest' });
    sendInput(guest, encodeInput({ seq: 1, buttons: Button.Down }));
    const { selfId } = await joined;
    await waitForSnapshot(host.socket, (s) => ackOf(s, selfId) === 1);
    // An input, then a leave: the input is queued first, with no error.
    const left = waitFor(guest, 'room:left');
    sendInput(guest, encodeInput({ seq: 2, buttons: Button.Down }));
    guest.emit('room:leave', {});
    await left;
    guest.emit('time:ping', { clientTimeMs: 1 });
    await waitFor(guest, 'time:pong');
    expect(errors).toEqual([]);
    // A leave went before this one: the member is in no room.
    sendInput(guest, encodeInput({ seq: 3, buttons: Button.Down }));
    await waitFor(guest, 'error');
    expect(errors.map((e) => e.code)).toEqual([ErrorCode.NotInRoom]);
  });

  it('keeps its place behind a room event that came in the same TCP read', async () => {
    const { client, joined } = await seatedPlayer();
    const errors = errorsOf(client);
    sendInput(client, encodeInput({ seq: 1, buttons: 0 }));
    await waitForSnapshot(client, (s) => ackOf(s, joined.selfId) === 1);
    // A leave, then an input, written at once: the server reads both in one read and handles
    // the leave (socket.io's way, on a nextTick) before the input that follows it.
    const answers = Promise.all([waitFor(client, 'room:left'), waitFor(client, 'error')]);
    inOneWrite(client, () => {
      client.emit('room:leave', {});
      sendInput(client, encodeInput({ seq: 2, buttons: 0 }));
    });
    await answers;
    expect(errors.map((e) => e.code)).toEqual([ErrorCode.NotInRoom]);
  });

  it('answers clock pings without socket.io’s dispatch, through the same guard and budget', async () => {
    const client = connectPlayer(ctx.server.url);
    ctx.sockets.push(client);
    await connected(client);
    const pings = dispatchedInputs(client, 'time:ping');
    const metered = meteredMessages(client);
    const errors = errorsOf(client);
    client.emit('time:ping', { clientTimeMs: 5 });
    expect((await waitFor(client, 'time:pong')).clientTimeMs).toBe(5);
    expect([pings(), metered()]).toEqual([0, 1]);
    // The same schema refuses the same payloads, with the same answer.
    client.emit('time:ping', { clientTimeMs: 'soon' } as never);
    expect((await waitFor(client, 'error')).code).toBe(ErrorCode.InvalidPayload);
    // One that asks for an acknowledgement is socket.io's to read (the server sends none).
    (client.emit as (...args: unknown[]) => void)('time:ping', { clientTimeMs: 6 }, () => {});
    expect((await waitFor(client, 'time:pong')).clientTimeMs).toBe(6);
    expect([pings(), metered()]).toEqual([1, 3]);
    expect(errors.map((e) => e.code)).toEqual([ErrorCode.InvalidPayload]);
  });

  it('leaves a member in no room to the general path', async () => {
    const client = connectPlayer(ctx.server.url);
    ctx.sockets.push(client);
    await connected(client);
    const dispatched = dispatchedInputs(client);
    sendInput(client, encodeInput({ seq: 1, buttons: 0 }));
    const error = await waitFor(client, 'error');
    expect(error.code).toBe(ErrorCode.NotInRoom);
    expect(dispatched()).toBe(1);
  });

  it('leaves the attachments of a stock client’s binary packet to socket.io', async () => {
    const { client, joined, dispatched } = await seatedPlayer({ stockEncoder: true });
    const errors = errorsOf(client);
    // Its attachment starts with seq's low byte: 2, the byte of a binary input message.
    sendInput(client, encodeInput({ seq: 2, buttons: Button.Up }));
    sendInput(client, encodeInput({ seq: 3, buttons: Button.Up }));
    await waitForSnapshot(client, (s) => ackOf(s, joined.selfId) === 3);
    expect(dispatched()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('leaves long-polling to the general path, and reads a connection upgraded to WebSocket', async () => {
    const polling = await seatedPlayer({ transports: ['polling'] });
    sendInput(polling.client, encodeInput({ seq: 1, buttons: 0 }));
    await waitForSnapshot(polling.client, (s) => ackOf(s, polling.joined.selfId) === 1);
    expect(polling.dispatched()).toBe(1);

    const upgraded = await seatedPlayer({ transports: ['polling', 'websocket'] });
    const engine = upgraded.client.io.engine;
    if (engine.transport.name !== 'websocket') await new Promise((r) => engine.once('upgrade', r));
    sendInput(upgraded.client, encodeInput({ seq: 1, buttons: 0 }));
    await waitForSnapshot(upgraded.client, (s) => ackOf(s, upgraded.joined.selfId) === 1);
    expect(upgraded.dispatched()).toBe(0);
  });

  it('leaves an input to engine.io while it waits for a pong: that packet extends the wait', async () => {
    await ctx.restartWith({ HEARTBEAT_INTERVAL_MS: 1000 });
    const { client, joined, dispatched } = await seatedPlayer();
    // Hold the client's next pong back until an input has gone out behind the ping.
    const engine = client.io.engine as unknown as {
      _sendPacket(type: string, ...rest: unknown[]): void;
    };
    const sendPacket = engine._sendPacket.bind(engine);
    let releasePong = (): void => {};
    const pinged = new Promise<void>((resolve) => {
      engine._sendPacket = (type, ...rest) => {
        if (type !== 'pong') return sendPacket(type, ...rest);
        engine._sendPacket = sendPacket;
        releasePong = () => sendPacket(type, ...rest);
        resolve();
      };
    });
    await pinged;
    sendInput(client, encodeInput({ seq: 1, buttons: 0 }));
    await waitForSnapshot(client, (s) => ackOf(s, joined.selfId) === 1);
    expect(dispatched()).toBe(1);
    releasePong();
    // The server guessed this idle player's inputs meanwhile: the next one goes ahead of them.
    const seq = ackOf(await waitForTicks(client, 3), joined.selfId) + 5;
    sendInput(client, encodeInput({ seq, buttons: 0 }));
    await waitForSnapshot(client, (s) => ackOf(s, joined.selfId) >= seq);
    expect(dispatched()).toBe(1);
  });

  it('leaves every input to the general path when the host simulates links', async () => {
    await ctx.restartWith({ LINK_SIMULATOR: 'on' });
    const { client, joined, dispatched } = await seatedPlayer({ query: { lag: '20' } });
    sendInput(client, encodeInput({ seq: 1, buttons: 0 }));
    await waitForSnapshot(client, (s) => ackOf(s, joined.selfId) === 1);
    expect(dispatched()).toBe(1);
  });
});

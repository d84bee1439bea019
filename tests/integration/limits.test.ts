/**
 * Connection limits: per address and in total, the browser origin allow-list, the transport's
 * payload size limit and the protocol version, each checked with real sockets.
 */
import { ErrorCode, PROTOCOL_VERSION } from '@arena/shared/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { disconnectOf, refusalOf, serverSawDisconnect } from '../support/connections.js';
import {
  closeAll,
  connected,
  connectPlayer,
  createRoom,
  waitFor,
  waitForTicks,
  type ConnectOptions,
  type PlayerSocket,
} from '../support/player.js';
import { RawSocket } from '../support/raw-socket.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer | undefined;
const sockets: PlayerSocket[] = [];

afterEach(async () => {
  closeAll(sockets);
  await server?.close();
  server = undefined;
});

function connect(url: string, options: ConnectOptions = {}): PlayerSocket {
  const socket = connectPlayer(url, options);
  sockets.push(socket);
  return socket;
}

async function connectMany(url: string, count: number): Promise<PlayerSocket[]> {
  const opened = Array.from({ length: count }, () => connect(url));
  await Promise.all(opened.map((s) => connected(s)));
  return opened;
}

describe('connection limits', () => {
  it('refuses connections past MAX_CONNECTIONS_PER_IP and accepts again once one closes', async () => {
    server = await startServer({ MAX_CONNECTIONS_PER_IP: 3 });
    const [first] = await connectMany(server.url, 3);
    expect((await refusalOf(connect(server.url))).code).toBe(ErrorCode.TooManyConnections);
    // The refused socket never counted: closing an accepted one frees exactly one place.
    const released = serverSawDisconnect(server, [first!.id]);
    first!.disconnect();
    await released;
    await connected(connect(server.url));
    expect((await refusalOf(connect(server.url))).code).toBe(ErrorCode.TooManyConnections);
    expect(server.services.sockets.total).toBe(3);
  });

  it('refuses connections past MAX_CONNECTIONS in total', async () => {
    server = await startServer({ MAX_CONNECTIONS: 2, MAX_CONNECTIONS_PER_IP: 50 });
    await connectMany(server.url, 2);
    const refusal = await refusalOf(connect(server.url));
    expect(refusal).toMatchObject({
      code: ErrorCode.TooManyConnections,
      message: 'The server is full.',
    });
    expect(server.services.metrics.rejectedConnections.get(ErrorCode.TooManyConnections)).toBe(1);
    // A load balancer asking now is told to send new players elsewhere.
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'full' });
  });
});

describe('behind a proxy', () => {
  const from = (address: string) => ({ extraHeaders: { 'x-forwarded-for': address } });

  it('counts each forwarded client on its own with TRUST_PROXY, and ignores the header without it', async () => {
    server = await startServer({ MAX_CONNECTIONS_PER_IP: 1, TRUST_PROXY: 'loopback' });
    await connected(connect(server.url, from('203.0.113.1')));
    await connected(connect(server.url, from('203.0.113.2')));
    const again = await refusalOf(connect(server.url, from('203.0.113.1')));
    expect(again.code).toBe(ErrorCode.TooManyConnections);
    // A client cannot pass itself off as another by adding its own entry on the left.
    const spoofed = await refusalOf(connect(server.url, from('198.51.100.7, 203.0.113.2')));
    expect(spoofed.code).toBe(ErrorCode.TooManyConnections);
    expect(server.services.sockets.addresses).toBe(2);

    await server.close();
    server = await startServer({ MAX_CONNECTIONS_PER_IP: 1 });
    await connected(connect(server.url, from('203.0.113.1')));
    const refusal = await refusalOf(connect(server.url, from('203.0.113.2')));
    expect(refusal.code).toBe(ErrorCode.TooManyConnections);
  });
});

describe('origin allow-list', () => {
  it('refuses a browser from another origin with ORIGIN_NOT_ALLOWED', async () => {
    server = await startServer();
    const refusal = await refusalOf(
      connect(server.url, { extraHeaders: { origin: 'https://elsewhere.example' } }),
    );
    expect(refusal.code).toBe(ErrorCode.OriginNotAllowed);
    expect(refusal.message).toContain('https://elsewhere.example');
  });

  it("allows the server's own page (same origin) by default", async () => {
    server = await startServer();
    await connected(connect(server.url, { extraHeaders: { origin: server.url } }));
  });

  it('allows an origin listed in ALLOWED_ORIGINS and still refuses the others', async () => {
    server = await startServer({
      ALLOWED_ORIGINS: 'https://friend.example, https://other.example',
    });
    await connected(connect(server.url, { extraHeaders: { origin: 'https://friend.example' } }));
    const refusal = await refusalOf(
      connect(server.url, { extraHeaders: { origin: 'https://friend.example.evil' } }),
    );
    expect(refusal.code).toBe(ErrorCode.OriginNotAllowed);
  });

  it('allows any origin when ALLOWED_ORIGINS is *', async () => {
    server = await startServer({ ALLOWED_ORIGINS: '*' });
    await connected(connect(server.url, { extraHeaders: { origin: 'https://anywhere.example' } }));
  });
});

describe('payload size limit', () => {
  it('disconnects only the socket that sends a frame over MAX_PAYLOAD_BYTES', async () => {
    server = await startServer({ MAX_PAYLOAD_BYTES: 1024 });
    const host = await createRoom(server.url, 'Bystander');
    const big = await createRoom(server.url, 'Big');
    sockets.push(host.socket, big.socket);
    const errors: string[] = [];
    big.socket.on('error', (e) => errors.push(e.code));

    // Just under the limit, the frame reaches the gateway and is answered by the schema.
    const answered = waitFor(big.socket, 'error');
    big.socket.emit('chat:send', { text: 'x'.repeat(900) });
    expect((await answered).code).toBe(ErrorCode.InvalidPayload);

    const gone = disconnectOf(big.socket);
    big.socket.emit('chat:send', { text: 'y'.repeat(4000) });
    expect(await gone).toBe('transport close');
    // The oversized frame never reached a handler, so it was not answered: it was refused whole.
    expect(errors).toEqual([ErrorCode.InvalidPayload]);
    await waitForTicks(host.socket, 5);
    expect(host.socket.connected).toBe(true);
  });
});

describe('protocol version', () => {
  it('refuses other versions and a missing version with PROTOCOL_MISMATCH', async () => {
    server = await startServer();
    for (const version of [PROTOCOL_VERSION + 1, 0]) {
      const refusal = await refusalOf(connect(server.url, { protocolVersion: version }));
      expect(refusal.code).toBe(ErrorCode.ProtocolMismatch);
      expect(refusal.message).toContain(`protocol ${PROTOCOL_VERSION}`);
    }
    expect(server.services.sockets.total).toBe(0);
  });
});

describe('transport connections beneath the handshake', () => {
  it('closes the connection of a refused handshake once the refusal is sent', async () => {
    server = await startServer();
    const raw = await RawSocket.open(server.port);
    raw.send('40{"protocolVersion":0}');
    await raw.closedByServer();
    expect(
      raw.received().some((m) => m.startsWith('44') && m.includes(ErrorCode.ProtocolMismatch)),
    ).toBe(true);
  });

  it('refuses transport connections that never join past twice MAX_CONNECTIONS_PER_IP', async () => {
    server = await startServer({ MAX_CONNECTIONS_PER_IP: 2 });
    const idle = await Promise.all([1, 2, 3, 4].map(() => RawSocket.open(server!.port)));
    // engine.io answers a refused WebSocket upgrade with 400, a refused polling handshake with 403.
    await expect(RawSocket.open(server.port)).rejects.toThrow(/Unexpected server response: 400/);
    expect(server.services.metrics.rejectedConnections.get('TRANSPORT_LIMIT')).toBe(1);
    // With room left in the allowance, a player past the limit gets the friendly refusal.
    await Promise.all(idle.slice(0, 3).map((s) => s.close()));
    await connected(connect(server.url));
    await connected(connect(server.url));
    expect((await refusalOf(connect(server.url))).code).toBe(ErrorCode.TooManyConnections);
    await Promise.all(idle.map((s) => s.close()));
  });

  it('closes a transport connection that never joins within HANDSHAKE_TIMEOUT_MS', async () => {
    server = await startServer({ HANDSHAKE_TIMEOUT_MS: 500 });
    const idle = await RawSocket.open(server.port);
    await idle.closedByServer();
    expect(server.services.io.engine.clientsCount).toBe(0);
  });

  it.each(['0', '1', '5', '6'])(
    'hangs up on a client that sends engine.io packet type %s',
    async (type) => {
      server = await startServer();
      const raw = await RawSocket.open(server.port);
      await raw.connect();
      raw.send(type);
      await raw.closedByServer();
    },
  );

  it('still upgrades a polling connection to WebSocket', async () => {
    server = await startServer();
    const socket = connect(server.url, { transports: ['polling', 'websocket'] });
    await connected(socket);
    if (socket.io.engine.transport.name !== 'websocket') {
      await new Promise<void>((resolve) => socket.io.engine.once('upgrade', () => resolve()));
    }
    expect(socket.io.engine.transport.name).toBe('websocket');
    const pong = waitFor(socket, 'time:pong');
    socket.emit('time:ping', { clientTimeMs: 1 });
    await pong;
    expect(socket.connected).toBe(true);
  });
});

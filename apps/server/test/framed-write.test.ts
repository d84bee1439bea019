/**
 * A framed snapshot written around engine.io, over real sockets: a socket.io server on
 * loopback and a bare WebSocket client that speaks engine.io. The frame goes straight to the
 * WebSocket only when that keeps the order of everything engine.io writes; what the client
 * has not read is still counted, and a client that stops reading is still let go.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  keepWritesOnEngine,
  writeFramed,
  type FramedConnection,
} from '../src/socket/framed-write.js';
import { frameSnapshot } from '../src/socket/snapshot-frame.js';
import { unsentBytes, watchBacklog } from '../src/socket/write-backlog.js';

type EngineConnection = FramedConnection & {
  on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): unknown;
  on(event: 'flush', listener: () => void): unknown;
  send(text: string): unknown;
  transport: { socket: WebSocket };
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A server and one connected client; `messages` is what the client received, in order. */
async function connected() {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  const serverSide = new Promise<EngineConnection>((resolve) =>
    io.engine.on('connection', resolve),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  const messages: string[] = [];
  client.on('message', (data: Buffer, isBinary) =>
    messages.push(isBinary ? `bin:${data.subarray(1).toString()}` : data.toString()),
  );
  const conn = await serverSide;
  let created = 0;
  conn.on('packetCreate', () => (created += 1));
  closers.push(async () => {
    client.terminate();
    await io.close();
  });
  return { conn, client, messages, packetsCreated: () => created };
}

const framed = (text: string) => frameSnapshot(new TextEncoder().encode(text));
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('a framed snapshot written around engine.io', () => {
  it('goes straight to the WebSocket when nothing is queued before it', async () => {
    const { conn, messages, packetsCreated } = await connected();
    await until(() => messages.length === 1 && conn.transport.writable); // the open packet
    writeFramed(conn, framed('S1'));
    writeFramed(conn, framed('S2'));
    await until(() => messages.length === 3);
    expect(messages.slice(1)).toEqual(['bin:S1', 'bin:S2']);
    expect(packetsCreated()).toBe(0);
  });

  it('keeps its place among what engine.io queues', async () => {
    const { conn, messages } = await connected();
    await until(() => messages.length === 1 && conn.transport.writable);
    // A goes to the transport at once, B waits in engine.io's buffer until A was written:
    // S must wait behind B, and C behind S.
    conn.send('A');
    conn.send('B');
    writeFramed(conn, framed('S'));
    conn.send('C');
    writeFramed(conn, framed('T'));
    await until(() => messages.length === 6);
    expect(messages.slice(1)).toEqual(['4A', '4B', 'bin:S', '4C', 'bin:T']);
  });

  it('keeps to engine.io for a connection whose writes are wrapped', async () => {
    const { conn, messages, packetsCreated } = await connected();
    await until(() => messages.length === 1 && conn.transport.writable);
    keepWritesOnEngine(conn);
    writeFramed(conn, framed('S'));
    await until(() => messages.length === 2);
    expect(packetsCreated()).toBe(1);
  });

  it('counts what a client that stops reading has not taken, and lets it go past the limit', async () => {
    const maxUnsentBytes = 1024 * 1024;
    const { conn, client, messages, packetsCreated } = await connected();
    await until(() => messages.length === 1 && conn.transport.writable);
    let overflows = 0;
    watchBacklog(conn, maxUnsentBytes, () => (overflows += 1));
    (client as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = framed('x'.repeat(256 * 1024));
    let writes = 0;
    while (overflows === 0 && writes < 400) {
      writeFramed(conn, big);
      writes += 1;
      // Past what the kernel takes, the rest waits in the WebSocket: counted as unsent.
      expect(unsentBytes(conn)).toBe(conn.transport.socket.bufferedAmount);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(overflows).toBe(1);
    expect(packetsCreated()).toBe(0);
    expect(unsentBytes(conn)).toBeGreaterThan(maxUnsentBytes);
    expect(unsentBytes(conn)).toBeLessThanOrEqual(
      maxUnsentBytes + big.options.wsPreEncodedFrame[0]!.length,
    );
  });
});

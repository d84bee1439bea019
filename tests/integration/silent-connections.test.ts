/**
 * TCP connections that never become a request (silent, or headers a byte at a time) are
 * closed after HANDSHAKE_TIMEOUT_MS, and one address holds only its share of sockets at once;
 * a trusted proxy's address is not capped, and everyone else is served throughout.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer | undefined;
const opened: Socket[] = [];

afterEach(async () => {
  for (const socket of opened.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

/** A TCP connection to the server that writes `first` (if any) and then nothing. */
async function openTcp(port: number, first?: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  opened.push(socket);
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  if (first) socket.write(first);
  return socket;
}

function closedWithin(socket: Socket, ms: number): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const healthy = async (url: string) => (await fetch(`${url}/healthz`)).status;

async function healthyWithin(url: string, ms: number): Promise<number | string> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await healthy(url);
    } catch (error) {
      if (Date.now() > deadline) return String(error);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('connections that never become a request', { timeout: 20_000 }, () => {
  it('are closed within HANDSHAKE_TIMEOUT_MS, silent or with headers that never end', async () => {
    server = await startServer({ HANDSHAKE_TIMEOUT_MS: 500 });
    const silent = await openTcp(server.port);
    const slow = await openTcp(server.port, 'GET / HTTP/1.1\r\nHost: arena\r\n');
    expect(await healthy(server.url)).toBe(200);
    await Promise.all([closedWithin(silent, 3000), closedWithin(slow, 3000)]);
    expect(server.services.metrics.droppedConnections.get('SILENT')).toBe(2);
  });

  it('hold one address to its share of sockets, and let it in again as they close', async () => {
    // 3 sockets per allowed connection and 16 for page loads: 19 for one connection.
    server = await startServer({ MAX_CONNECTIONS_PER_IP: 1 });
    const held = await Promise.all(Array.from({ length: 19 }, () => openTcp(server!.port)));
    await closedWithin(await openTcp(server.port), 2000);
    expect(server.services.metrics.droppedConnections.get('SOCKETS_PER_ADDRESS')).toBe(1);
    for (const socket of held) socket.destroy();
    // The server counts a socket out when it sees it close, a moment after this side does.
    expect(await healthyWithin(server.url, 2000)).toBe(200);
  });

  it("do not cap a trusted proxy's address, which carries many clients", async () => {
    server = await startServer({ MAX_CONNECTIONS_PER_IP: 1, TRUST_PROXY: 'loopback' });
    const held = await Promise.all(Array.from({ length: 25 }, () => openTcp(server!.port)));
    expect(await healthy(server.url)).toBe(200);
    expect(held.filter((socket) => socket.closed)).toEqual([]);
    expect(server.services.metrics.droppedConnections.get('SOCKETS_PER_ADDRESS')).toBeUndefined();
  });
});

/**
 * `npm run dev`'s Vite, as apps/client/vite-dev.ts configures it, in front of a real server:
 * the socket works through its proxy, a tab that vanishes leaves no stack trace in the
 * terminal, and a server that is restarting is one line, not a stack per request.
 */
import { Console } from 'node:console';
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_PAGE_PORT, devConfig, devGameServerUrl } from '../../apps/client/vite-dev.js';
import { connectPlayer, waitFor, waitForTicks } from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';
import { freePort } from '@arena/devkit';

const CLIENT_ROOT = fileURLToPath(new URL('../../apps/client', import.meta.url));
const ctx = serverPerTest();

let vite: ViteDevServer | undefined;
afterEach(async () => {
  await vite?.close();
  vite = undefined;
});

/** Vite with the dev configuration on a loopback port; everything it prints lands in `printed`. */
async function startVite(gameServerUrl: string) {
  let printed = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      printed += chunk.toString();
      done();
    },
  });
  const dev = devConfig({ gameServerUrl, console: new Console({ stdout: sink, stderr: sink }) });
  const port = await freePort();
  vite = await createServer({
    configFile: false,
    root: CLIENT_ROOT,
    ...dev,
    // Loopback and a free port in tests; nothing here needs the module graph or a watcher.
    server: { ...dev.server, host: '127.0.0.1', port, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await vite.listen();
  return { url: `http://127.0.0.1:${port}`, port, printed: () => printed };
}

/** A WebSocket upgrade by hand, so the test can then cut the TCP connection as a killed tab does. */
async function rawSocketIoUpgrade(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    [
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      '',
      '',
    ].join('\r\n'),
  );
  // The 101 answer and engine.io's open packet: the connection reached the game server.
  await new Promise<void>((resolve) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('101 Switching Protocols') && received.includes('"sid"')) resolve();
    });
  });
  return socket;
}

describe('npm run dev: Vite in front of the game server', () => {
  it('listens on every interface, on the port the server banner shares', () => {
    const { server } = devConfig();
    expect(server?.host).toBe(true);
    expect(server?.port).toBe(DEV_PAGE_PORT);
    expect(server?.strictPort).toBe(true);
    const serverPackage = new URL('../../apps/server/package.json', import.meta.url);
    const { scripts } = JSON.parse(readFileSync(serverPackage, 'utf8')) as {
      scripts: { dev: string };
    };
    expect(scripts.dev).toContain(`--dev-client-port ${DEV_PAGE_PORT}`);
  });

  it('proxies to the PORT the game server is given, which turbo passes on to both', () => {
    expect(devGameServerUrl({})).toBe('http://localhost:3000');
    expect(devGameServerUrl({ PORT: '4123' })).toBe('http://localhost:4123');
    // turbo hands a task only the variables turbo.json lists, unless told otherwise: without
    // this, `PORT=4123 npm run dev` (or any setting) silently ran with the defaults.
    const rootPackage = new URL('../../package.json', import.meta.url);
    const root = JSON.parse(readFileSync(rootPackage, 'utf8')) as { scripts: { dev: string } };
    expect(root.scripts.dev).toContain('--env-mode=loose');
  });

  it('proxies the game socket, and says nothing when a tab vanishes', async () => {
    const page = await startVite(ctx.server.url);
    const player = connectPlayer(page.url, { extraHeaders: { origin: page.url } });
    ctx.sockets.push(player);
    const joined = waitFor(player, 'room:joined');
    player.emit('room:create', { name: 'ViaVite' });
    await joined;
    await waitForTicks(player, 2);

    const closedOnServer = new Promise<void>((resolve) =>
      ctx.server.services.io.engine.once('connection', (engineSocket: EventEmitter) =>
        engineSocket.once('close', () => resolve()),
      ),
    );
    const tab = await rawSocketIoUpgrade(page.port);
    tab.resetAndDestroy();
    // Vite's proxy sees the reset first, then closes its side to the game server.
    await closedOnServer;
    expect(page.printed()).not.toMatch(/error|ECONNRESET|EPIPE|\n\s+at /i);
  });

  it('says in one line that the game server is not reachable while it restarts', async () => {
    const page = await startVite(`http://127.0.0.1:${await freePort()}`);
    const player = connectPlayer(page.url, { extraHeaders: { origin: page.url } });
    ctx.sockets.push(player);
    await new Promise((resolve) => player.once('connect_error', resolve));
    expect(page.printed()).toMatch(/game server not reachable at http:\/\/127\.0\.0\.1:\d+/);
    expect(page.printed()).not.toMatch(/\n\s+at /);
  });
});

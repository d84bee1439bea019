/**
 * HOSTING.md's nginx and Caddy configurations run for real on loopback ports in front of a
 * real server, and a browser-like client (its `Origin` header carries the port, as a page on
 * `https://host:8443/` sends it) plays through them over WebSocket and long-polling.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION } from '@arena/shared/protocol';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { refusalOf } from '../support/connections.js';
import { SINGLE_CADDY, SINGLE_NGINX, snippet, swap } from '../support/hosting-doc.js';
import { hostTool, requireTool } from '../support/host-tools.js';
import { nginxWithSite, selfSignedCertificate } from '../support/nginx-config.js';
import {
  closeAll,
  connected,
  waitFor,
  waitForTicks,
  type PlayerSocket,
} from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';
import { freePort } from '@arena/devkit';
import { startCaddy, startTool, type ToolProcess } from '../support/tool-process.js';

const ctx = serverPerTest();
const tools = {
  nginx: hostTool('nginx', 'nginx'),
  openssl: hostTool('openssl', 'openssl'),
  caddy: hostTool('caddy', 'caddy'),
};

let dir = '';
let proxy: ToolProcess | undefined;
const sockets: PlayerSocket[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arena-proxy-'));
});
afterEach(async () => {
  closeAll(sockets);
  await proxy?.stop();
  proxy = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A player whose page was loaded from `pageUrl`, connecting through the proxy there. */
function browserPlayer(pageUrl: string, transport: 'websocket' | 'polling', ca?: string) {
  const socket: PlayerSocket = io(pageUrl, {
    transports: [transport],
    reconnection: false,
    forceNew: true,
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { origin: new URL(pageUrl).origin },
    ...(ca ? { ca } : {}),
  });
  sockets.push(socket);
  return socket;
}

/** Connects, creates a room and waits for its snapshots: the whole way through the proxy. */
async function playsThrough(pageUrl: string, transport: 'websocket' | 'polling', ca?: string) {
  const socket = browserPlayer(pageUrl, transport, ca);
  await connected(socket);
  const joined = waitFor(socket, 'room:joined');
  socket.emit('room:create', { name: `Via${transport}` });
  await joined;
  await waitForTicks(socket, 3);
  expect(socket.io.engine.transport.name).toBe(transport);
}

async function echoesThrough(url: string, ca?: string): Promise<string> {
  const ws = new WebSocket(url, { origin: new URL(url.replace(/^ws/, 'http')).origin, ca });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const reply = new Promise<string>((resolve) =>
    ws.once('message', (data: Buffer) => resolve(data.toString())),
  );
  ws.send('through the proxy');
  const text = await reply;
  ws.close();
  return text;
}

/** HOSTING.md's nginx site on `port` with a test certificate, in front of this test's server. */
async function startNginx(test: Parameters<typeof requireTool>[0], edit = (s: string) => s) {
  const nginx = requireTool(test, tools.nginx);
  const tls = selfSignedCertificate(requireTool(test, tools.openssl), dir);
  const port = await freePort();
  let site = snippet('nginx', SINGLE_NGINX);
  site = swap(site, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`);
  site = swap(site, '/etc/letsencrypt/live/arena.example.org/fullchain.pem', tls.cert);
  site = swap(site, '/etc/letsencrypt/live/arena.example.org/privkey.pem', tls.key);
  site = swap(site, 'proxy_pass http://127.0.0.1:3000;', `proxy_pass ${ctx.server.url};`);
  proxy = await startTool(nginx, nginxWithSite(dir, edit(site)), { port });
  return { pageUrl: `https://localhost:${port}`, ca: readFileSync(tls.cert, 'utf8') };
}

describe('behind nginx on a port other than 443', () => {
  it('lets a page from https://host:port play over WebSocket and long-polling, and /echo', async (test) => {
    const { pageUrl, ca } = await startNginx(test);
    await playsThrough(pageUrl, 'websocket', ca);
    await playsThrough(pageUrl, 'polling', ca);
    expect(await echoesThrough(`${pageUrl.replace('https', 'wss')}/echo`, ca)).toBe(
      'through the proxy',
    );
  });

  it('would refuse that page with `Host $host`, which drops the port', async (test) => {
    const { pageUrl, ca } = await startNginx(test, (site) =>
      swap(site, 'proxy_set_header Host $http_host;', 'proxy_set_header Host $host;'),
    );
    const refusal = await refusalOf(browserPlayer(pageUrl, 'websocket', ca));
    expect(refusal.code).toBe('ORIGIN_NOT_ALLOWED');
  });
});

describe('behind Caddy', () => {
  it('lets a page from http://host:port play over WebSocket and long-polling', async (test) => {
    const caddy = requireTool(test, tools.caddy);
    const port = await freePort();
    // The site address becomes a plain-HTTP loopback one (a real certificate needs a real
    // domain); the reverse_proxy line is the doc's, with this test's server behind it.
    let site = snippet('caddyfile', SINGLE_CADDY);
    site = swap(site, 'arena.example.org {', `http://localhost:${port} {`);
    site = swap(site, 'reverse_proxy 127.0.0.1:3000', `reverse_proxy 127.0.0.1:${ctx.server.port}`);
    proxy = await startCaddy(caddy, dir, site, port);
    const pageUrl = `http://localhost:${port}`;
    await playsThrough(pageUrl, 'websocket');
    await playsThrough(pageUrl, 'polling');
    expect(await echoesThrough(`ws://localhost:${port}/echo`)).toBe('through the proxy');
  });
});

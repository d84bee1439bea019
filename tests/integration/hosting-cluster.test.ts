/**
 * HOSTING.md's cluster configurations run for real: nginx (sticky by address) and Caddy
 * (sticky by cookie) on loopback ports in front of two server processes sharing one Redis,
 * with a browser-like client playing through each over WebSocket and over long-polling, whose
 * many requests per connection must all reach one process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION } from '@arena/shared/protocol';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, twoOf, type TestCluster } from '../support/cluster.js';
import { CLUSTER_CADDY, CLUSTER_NGINX, snippet, swap } from '../support/hosting-doc.js';
import { hostTool, requireTool } from '../support/host-tools.js';
import { nginxWithSite, selfSignedCertificate } from '../support/nginx-config.js';
import {
  closeAll,
  connected,
  waitFor,
  waitForTicks,
  type PlayerSocket,
} from '../support/player.js';
import { SKIP_WITHOUT_REDIS } from '../support/redis-process.js';
import { freePort } from '@arena/devkit';
import { startCaddy, startTool, type ToolProcess } from '../support/tool-process.js';

const tools = {
  nginx: hostTool('nginx', 'nginx'),
  openssl: hostTool('openssl', 'openssl'),
  caddy: hostTool('caddy', 'caddy'),
};

let cluster: TestCluster | undefined;
let dir = '';
let proxy: ToolProcess | undefined;
const sockets: PlayerSocket[] = [];

beforeAll(async () => {
  if (!SKIP_WITHOUT_REDIS) cluster = await startCluster(2);
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arena-cluster-proxy-'));
});
afterEach(async () => {
  closeAll(sockets);
  await proxy?.stop();
  proxy = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The doc's four upstreams become this test's two processes. */
function upstreams(site: string, line: (host: string) => string): string {
  const [a, b] = twoOf(cluster!).map((server) => new URL(server.url).host);
  site = swap(site, line('10.0.0.11:3001'), line(a!));
  site = swap(site, line('10.0.0.11:3002'), line(b!));
  site = swap(site, line('10.0.0.12:3001'), '');
  return swap(site, line('10.0.0.12:3002'), '');
}

/** Connects as a page from `pageUrl` would (cookies kept, as a browser does), and plays. */
async function playsThrough(pageUrl: string, transport: 'websocket' | 'polling', ca?: string) {
  const socket: PlayerSocket = io(pageUrl, {
    transports: [transport],
    reconnection: false,
    forceNew: true,
    withCredentials: true,
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { origin: new URL(pageUrl).origin },
    ...(ca ? { ca } : {}),
  });
  sockets.push(socket);
  await connected(socket);
  const joined = waitFor(socket, 'room:joined');
  socket.emit('room:create', { name: `Via${transport}` });
  await joined;
  // A second of snapshots: dozens of polling requests, every one on the same process.
  await waitForTicks(socket, 30);
  expect(socket.io.engine.transport.name).toBe(transport);
}

describe.skipIf(SKIP_WITHOUT_REDIS)("HOSTING.md's proxies in front of a cluster", () => {
  it('nginx, sticky by client address: WebSocket and long-polling play through it', async (test) => {
    const nginx = requireTool(test, tools.nginx);
    const tls = selfSignedCertificate(requireTool(test, tools.openssl), dir);
    const port = await freePort();
    let site = snippet('nginx', CLUSTER_NGINX);
    site = swap(site, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`);
    site = swap(site, '/etc/letsencrypt/live/arena.example.org/fullchain.pem', tls.cert);
    site = swap(site, '/etc/letsencrypt/live/arena.example.org/privkey.pem', tls.key);
    site = upstreams(site, (host) => `server ${host};`);
    proxy = await startTool(nginx, nginxWithSite(dir, site), { port });
    const pageUrl = `https://localhost:${port}`;
    const ca = readFileSync(tls.cert, 'utf8');
    await playsThrough(pageUrl, 'websocket', ca);
    await playsThrough(pageUrl, 'polling', ca);
  });

  it('Caddy, sticky by cookie: WebSocket and long-polling play through it', async (test) => {
    const caddy = requireTool(test, tools.caddy);
    const port = await freePort();
    let site = snippet('caddyfile', CLUSTER_CADDY);
    site = swap(site, 'arena.example.org {', `http://localhost:${port} {`);
    const [a, b] = twoOf(cluster!).map((server) => new URL(server.url).host);
    site = swap(
      site,
      'reverse_proxy 10.0.0.11:3001 10.0.0.11:3002 10.0.0.12:3001 10.0.0.12:3002 {',
      `reverse_proxy ${a} ${b} {`,
    );
    proxy = await startCaddy(caddy, dir, site, port);
    const pageUrl = `http://localhost:${port}`;
    await playsThrough(pageUrl, 'websocket');
    await playsThrough(pageUrl, 'polling');
  });
});

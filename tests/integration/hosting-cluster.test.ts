/**
 * HOSTING.md's cluster configurations run for real: nginx (sticky by address) and Caddy
 * (sticky by cookie) on loopback ports in front of two server processes sharing one Redis,
 * with a browser-like client playing through each over WebSocket and over long-polling, whose
 * many requests per connection must all reach one process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, twoOf, type TestCluster } from '../support/cluster.js';
import { CLUSTER_CADDY, CLUSTER_NGINX, snippet, swap } from '../support/hosting-doc.js';
import { connected, waitFor, waitForTicks } from '../support/player.js';
import { proxyPerTest } from '../support/proxy-per-test.js';
import { SKIP_WITHOUT_REDIS } from '../support/redis-process.js';

let cluster: TestCluster | undefined;
const proxies = proxyPerTest('arena-cluster-proxy-');

beforeAll(async () => {
  if (!SKIP_WITHOUT_REDIS) cluster = await startCluster(2);
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
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
  const socket = proxies.pagePlayer(pageUrl, transport, { ca, withCredentials: true });
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
    const { pageUrl, ca } = await proxies.startNginx(
      test,
      snippet('nginx', CLUSTER_NGINX),
      (site) => upstreams(site, (host) => `server ${host};`),
    );
    await playsThrough(pageUrl, 'websocket', ca);
    await playsThrough(pageUrl, 'polling', ca);
  });

  it('Caddy, sticky by cookie: WebSocket and long-polling play through it', async (test) => {
    const [a, b] = twoOf(cluster!).map((server) => new URL(server.url).host);
    const { pageUrl } = await proxies.startCaddy(
      test,
      snippet('caddyfile', CLUSTER_CADDY),
      (site) =>
        swap(
          site,
          'reverse_proxy 10.0.0.11:3001 10.0.0.11:3002 10.0.0.12:3001 10.0.0.12:3002 {',
          `reverse_proxy ${a} ${b} {`,
        ),
    );
    await playsThrough(pageUrl, 'websocket');
    await playsThrough(pageUrl, 'polling');
  });
});

/**
 * HOSTING.md's nginx and Caddy configurations run for real on loopback ports in front of a
 * real server, and a browser-like client (its `Origin` header carries the port, as a page on
 * `https://host:8443/` sends it) plays through them over WebSocket and long-polling.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { refusalOf } from '../support/connections.js';
import { SINGLE_CADDY, SINGLE_NGINX, snippet, swap } from '../support/hosting-doc.js';
import { connected, waitFor, waitForTicks } from '../support/player.js';
import { proxyPerTest } from '../support/proxy-per-test.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest();
const proxies = proxyPerTest('arena-proxy-');

/** Connects, creates a room and waits for its snapshots: the whole way through the proxy. */
async function playsThrough(pageUrl: string, transport: 'websocket' | 'polling', ca?: string) {
  const socket = proxies.pagePlayer(pageUrl, transport, { ca });
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

/** HOSTING.md's nginx site in front of this test's server. */
function startNginx(test: Parameters<typeof proxies.startNginx>[0], edit = (s: string) => s) {
  return proxies.startNginx(test, snippet('nginx', SINGLE_NGINX), (site) =>
    edit(swap(site, 'proxy_pass http://127.0.0.1:3000;', `proxy_pass ${ctx.server.url};`)),
  );
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
    const refusal = await refusalOf(proxies.pagePlayer(pageUrl, 'websocket', { ca }));
    expect(refusal.code).toBe('ORIGIN_NOT_ALLOWED');
  });
});

describe('behind Caddy', () => {
  it('lets a page from http://host:port play over WebSocket and long-polling', async (test) => {
    // The reverse_proxy line is the doc's, with this test's server behind it.
    const { pageUrl, port } = await proxies.startCaddy(
      test,
      snippet('caddyfile', SINGLE_CADDY),
      (site) =>
        swap(site, 'reverse_proxy 127.0.0.1:3000', `reverse_proxy 127.0.0.1:${ctx.server.port}`),
    );
    await playsThrough(pageUrl, 'websocket');
    await playsThrough(pageUrl, 'polling');
    expect(await echoesThrough(`ws://localhost:${port}/echo`)).toBe('through the proxy');
  });
});

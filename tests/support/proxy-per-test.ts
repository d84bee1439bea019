/**
 * What every test of HOSTING.md's proxies needs: the site from the doc started for real by the
 * host's nginx (with a test certificate) or Caddy on a free loopback port, a scratch directory
 * for its files, and players that connect the way a page served through the proxy would. After
 * each test its sockets close, its proxy stops and the directory goes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@arena/devkit';
import { PROTOCOL_VERSION, wireParser } from '@arena/shared/protocol';
import { io } from 'socket.io-client';
import { afterEach, beforeEach } from 'vitest';
import { swap } from './hosting-doc.js';
import { hostTool, requireTool } from './host-tools.js';
import { nginxWithSite, selfSignedCertificate } from './nginx-config.js';
import { closeAll, readSnapshotStream, type PlayerSocket } from './player.js';
import { startCaddy, startTool, type ToolProcess } from './tool-process.js';

const tools = {
  nginx: hostTool('nginx', 'nginx'),
  openssl: hostTool('openssl', 'openssl'),
  caddy: hostTool('caddy', 'caddy'),
};

type TestContext = Parameters<typeof requireTool>[0];

/** Where a page served through the proxy lives, and the certificate to trust for it. */
export interface ProxiedPage {
  readonly pageUrl: string;
  readonly port: number;
  readonly ca?: string;
}

export interface PageOptions {
  /** The proxy's self-signed certificate, for an https page. */
  readonly ca?: string;
  /** Keep cookies as a browser does (a proxy sticky by cookie needs them). */
  readonly withCredentials?: boolean;
}

export interface ProxyPerTest {
  /** The doc's nginx site, listening on a free port with a test certificate; `edit` fits the rest. */
  startNginx(
    test: TestContext,
    docSite: string,
    edit: (site: string) => string,
  ): Promise<ProxiedPage>;
  /** The doc's Caddy site, served over plain HTTP (a real certificate needs a real domain). */
  startCaddy(
    test: TestContext,
    docSite: string,
    edit: (site: string) => string,
  ): Promise<ProxiedPage>;
  /** A player whose page was loaded from `pageUrl`, connecting through the proxy there. */
  pagePlayer(
    pageUrl: string,
    transport: 'websocket' | 'polling',
    options?: PageOptions,
  ): PlayerSocket;
}

export function proxyPerTest(dirPrefix: string): ProxyPerTest {
  const sockets: PlayerSocket[] = [];
  let dir = '';
  let proxy: ToolProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), dirPrefix));
  });
  afterEach(async () => {
    closeAll(sockets);
    await proxy?.stop();
    proxy = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    async startNginx(test, docSite, edit) {
      const nginx = requireTool(test, tools.nginx);
      const tls = selfSignedCertificate(requireTool(test, tools.openssl), dir);
      const port = await freePort();
      let site = swap(docSite, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`);
      site = swap(site, '/etc/letsencrypt/live/arena.example.org/fullchain.pem', tls.cert);
      site = swap(site, '/etc/letsencrypt/live/arena.example.org/privkey.pem', tls.key);
      proxy = await startTool(nginx, nginxWithSite(dir, edit(site)), { port });
      return { pageUrl: `https://localhost:${port}`, port, ca: readFileSync(tls.cert, 'utf8') };
    },
    async startCaddy(test, docSite, edit) {
      const caddy = requireTool(test, tools.caddy);
      const port = await freePort();
      const site = swap(docSite, 'arena.example.org {', `http://localhost:${port} {`);
      proxy = await startCaddy(caddy, dir, edit(site), port);
      return { pageUrl: `http://localhost:${port}`, port };
    },
    pagePlayer(pageUrl, transport, { ca, withCredentials = false } = {}) {
      const socket: PlayerSocket = io(pageUrl, {
        transports: [transport],
        reconnection: false,
        forceNew: true,
        parser: wireParser,
        withCredentials,
        auth: { protocolVersion: PROTOCOL_VERSION },
        // The page's origin carries the proxy's port, as a page on https://host:8443/ sends it.
        extraHeaders: { origin: new URL(pageUrl).origin },
        ...(ca ? { ca } : {}),
      });
      sockets.push(readSnapshotStream(socket));
      return socket;
    },
  };
}

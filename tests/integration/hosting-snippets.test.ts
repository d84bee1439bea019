/**
 * Every configuration snippet of docs/HOSTING.md, read from the file and checked by the tool
 * that will load it on a host: nginx -t, caddy validate, systemd-analyze verify, promtool.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLUSTER_CADDY,
  CLUSTER_NGINX,
  SINGLE_CADDY,
  SINGLE_NGINX,
  snippet,
  swap,
} from '../support/hosting-doc.js';
import { hostTool, requireTool, runTool } from '../support/host-tools.js';
import { nginxWithSite, selfSignedCertificate } from '../support/nginx-config.js';

const tools = {
  nginx: hostTool('nginx', 'nginx'),
  openssl: hostTool('openssl', 'openssl'),
  caddy: hostTool('caddy', 'caddy'),
  systemdAnalyze: hostTool('systemd-analyze', 'systemd'),
  promtool: hostTool('promtool', 'prometheus'),
};

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arena-hosting-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('HOSTING.md snippets', () => {
  it('nginx: the server block passes nginx -t', (test) => {
    const nginx = requireTool(test, tools.nginx);
    const tls = selfSignedCertificate(requireTool(test, tools.openssl), dir);
    let site = snippet('nginx', SINGLE_NGINX);
    site = swap(site, '/etc/letsencrypt/live/arena.example.org/fullchain.pem', tls.cert);
    site = swap(site, '/etc/letsencrypt/live/arena.example.org/privkey.pem', tls.key);
    const check = runTool(nginx, ['-t', '-q', ...nginxWithSite(dir, site)]);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  });

  it('nginx: the cluster server block (sticky upstream) passes nginx -t', (test) => {
    const nginx = requireTool(test, tools.nginx);
    const tls = selfSignedCertificate(requireTool(test, tools.openssl), dir);
    let site = snippet('nginx', CLUSTER_NGINX);
    site = swap(site, '/etc/letsencrypt/live/arena.example.org/fullchain.pem', tls.cert);
    site = swap(site, '/etc/letsencrypt/live/arena.example.org/privkey.pem', tls.key);
    const check = runTool(nginx, ['-t', '-q', ...nginxWithSite(dir, site)]);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  });

  for (const [which, firstLine] of [
    ['Caddyfile', SINGLE_CADDY],
    ['cluster Caddyfile', CLUSTER_CADDY],
  ] as const) {
    it(`Caddy: the ${which} passes caddy validate, formatted as caddy fmt writes it`, (test) => {
      const caddy = requireTool(test, tools.caddy);
      writeFileSync(join(dir, 'Caddyfile'), snippet('caddyfile', firstLine));
      const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
      const check = runTool(
        caddy,
        ['validate', '--config', 'Caddyfile', '--adapter', 'caddyfile'],
        { cwd: dir, env },
      );
      expect(check.output).toContain('Valid configuration');
      expect(check.output).not.toMatch(/"level":"(warn|error)"/);
      expect(check.status).toBe(0);
    });
  }

  it('systemd: the unit passes systemd-analyze verify', (test) => {
    const systemdAnalyze = requireTool(test, tools.systemdAnalyze);
    // The unit names the usual place of node; verify checks that it exists, so use this one's.
    const unit = swap(
      snippet('ini', /^# \/etc\/systemd\/system\/arena\.service$/),
      'ExecStart=/usr/bin/node ',
      `ExecStart=${process.execPath} `,
    );
    writeFileSync(join(dir, 'arena.service'), unit);
    const check = runTool(systemdAnalyze, ['verify', join(dir, 'arena.service')]);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  });

  it("systemd: the cluster's template unit passes systemd-analyze verify", (test) => {
    const systemdAnalyze = requireTool(test, tools.systemdAnalyze);
    let unit = swap(
      snippet('ini', /^# \/etc\/systemd\/system\/arena@\.service$/),
      'ExecStart=/usr/bin/node ',
      `ExecStart=${process.execPath} `,
    );
    // verify checks that the environment file exists: point it at one with the doc's settings.
    const env = join(dir, 'cluster.env');
    writeFileSync(env, snippet('ini', /^# \/etc\/arena\/cluster\.env$/));
    unit = swap(unit, 'EnvironmentFile=/etc/arena/cluster.env', `EnvironmentFile=${env}`);
    writeFileSync(join(dir, 'arena@.service'), unit);
    const check = runTool(systemdAnalyze, ['verify', join(dir, 'arena@1.service')]);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  });

  it('Prometheus: the scrape job passes promtool check config', (test) => {
    const promtool = requireTool(test, tools.promtool);
    writeFileSync(join(dir, 'prometheus.yml'), snippet('yaml'));
    const check = runTool(promtool, ['check', 'config', join(dir, 'prometheus.yml')]);
    expect(check.output).toMatch(/SUCCESS/);
    expect(check.output).not.toMatch(/WARNING|FAILED/);
    expect(check.status).toBe(0);
  });
});

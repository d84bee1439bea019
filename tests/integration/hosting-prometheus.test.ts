/**
 * HOSTING.md's Prometheus scrape job, run by a real Prometheus against a real server with a
 * room in play, and every query of docs/grafana-dashboard.json evaluated on what it scraped:
 * each must parse and return data, so a renamed metric cannot leave a panel empty.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBusy } from '../support/busy-server.js';
import { snippet, swap } from '../support/hosting-doc.js';
import { hostTool, requireTool } from '../support/host-tools.js';
import { serverPerTest } from '../support/server-per-test.js';
import { freePort } from '@arena/devkit';
import { startTool, type ToolProcess } from '../support/tool-process.js';

const DASHBOARD = fileURLToPath(new URL('../../docs/grafana-dashboard.json', import.meta.url));
const ctx = serverPerTest();
const prometheusTool = hostTool('prometheus', 'prometheus');

interface Dashboard {
  panels: { title: string; targets: { expr: string }[] }[];
  templating: { list: { name: string; definition: string }[] };
}

interface QueryAnswer {
  status: string;
  error?: string;
  data: { result: unknown[] };
}

let dir = '';
let prometheus: ToolProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arena-prometheus-'));
});
afterEach(async () => {
  await prometheus?.stop();
  prometheus = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Grafana's variables, as the dashboard would fill them in: every server, a short window. */
function asGrafanaWouldSend(expr: string): string {
  return expr.replaceAll('$__rate_interval', '10s').replaceAll('$instance', '.*');
}

async function query(baseUrl: string, expr: string): Promise<QueryAnswer> {
  const response = await fetch(`${baseUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  return (await response.json()) as QueryAnswer;
}

/** Prometheus listens before it serves queries (503 until its storage is open): wait for /-/ready. */
async function untilReady(baseUrl: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (
    !(await fetch(`${baseUrl}/-/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error('Prometheus never became ready');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits (by polling Prometheus, the only way to learn it) until `expr` returns data. */
async function untilAnswered(baseUrl: string, expr: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await query(baseUrl, expr)).data?.result.length !== 1) {
    if (Date.now() > deadline) throw new Error(`Prometheus never answered ${expr}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Prometheus and the Grafana dashboard', () => {
  it('scrapes the server with the doc’s job, and every dashboard query returns data', async (test) => {
    const path = requireTool(test, prometheusTool);
    await makeBusy(ctx);
    let config = snippet('yaml');
    config = swap(
      config,
      "targets: ['127.0.0.1:3000']",
      `targets: ['127.0.0.1:${ctx.server.port}']`,
    );
    config = swap(config, 'scrape_interval: 15s', 'scrape_interval: 1s');
    writeFileSync(join(dir, 'prometheus.yml'), config);
    const port = await freePort();
    prometheus = await startTool(
      path,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { port, cwd: dir },
    );
    const baseUrl = `http://127.0.0.1:${port}`;
    await untilReady(baseUrl);
    // rate() needs two samples in its window: wait for two scrapes.
    await untilAnswered(baseUrl, 'count_over_time(arena_rooms[1m]) >= 2');

    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
    const queries = dashboard.panels.flatMap((panel) =>
      panel.targets.map((target) => ({ panel: panel.title, expr: target.expr })),
    );
    expect(queries.length).toBeGreaterThanOrEqual(10);
    for (const { panel, expr } of queries) {
      const answer = await query(baseUrl, asGrafanaWouldSend(expr));
      expect(answer.error, `${panel}: ${expr}`).toBeUndefined();
      expect(answer.data.result.length, `${panel}: ${expr} returned no series`).toBeGreaterThan(0);
    }
    // The dashboard's server picker lists the values of `instance` on arena_rooms.
    expect(dashboard.templating.list[0]?.definition).toBe('label_values(arena_rooms, instance)');
    const instances = (await (
      await fetch(`${baseUrl}/api/v1/label/instance/values?match[]=arena_rooms`)
    ).json()) as { data: string[] };
    expect(instances.data).toEqual([`127.0.0.1:${ctx.server.port}`]);
  }, 40_000);
});

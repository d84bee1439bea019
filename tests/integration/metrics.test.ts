/**
 * /metrics as a host's Prometheus and the benchmark read it: valid for `promtool check metrics`
 * (names with base units, no duplicate tick series), per app, and readable by the benchmark.
 */
import { histogramQuantile, sampleServer } from '@arena/bots/server-metrics';
import { describe, expect, it } from 'vitest';
import { makeBusy } from '../support/busy-server.js';
import { hostTool, requireTool, runTool } from '../support/host-tools.js';
import { createRoom, sendInput, waitForTicks } from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';
import { startServer } from '../support/server.js';

const ctx = serverPerTest();
const promtool = hostTool('promtool', 'prometheus');

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

async function busyServer(): Promise<string> {
  await makeBusy(ctx);
  return scrape(ctx.server.url);
}

describe('/metrics', () => {
  it('passes promtool check metrics', async (test) => {
    const path = requireTool(test, promtool);
    const text = await busyServer();
    expect(text).toMatch(/^arena_connections_rejected_total\{reason="ORIGIN_NOT_ALLOWED"\} 1$/m);
    const check = runTool(path, ['check', 'metrics'], { input: text });
    // promtool prints nothing and exits 0 when every name, type and unit is right.
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  });

  it('exports tick time once, as a histogram in seconds, with process and Node metrics', async () => {
    const text = await busyServer();
    expect(text).toMatch(/^# TYPE arena_tick_duration_seconds histogram$/m);
    expect(Number(/^arena_tick_duration_seconds_count (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).not.toMatch(/^arena_tick\w*_ms/m);
    expect(text.match(/^# TYPE arena_tick\w* /gm)).toHaveLength(1);
    expect(Number(/^arena_snapshot_sent_bytes_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
      'nodejs_gc_duration_seconds',
    ]) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    }
  });

  it('counts per app: two servers in one process keep their own numbers', async () => {
    const host = await createRoom(ctx.server.url, 'OnlyHere');
    ctx.sockets.push(host.socket);
    await waitForTicks(host.socket, 2);
    const other = await startServer();
    try {
      expect(await scrape(other.url)).toMatch(/^arena_rooms 0$/m);
      expect(await scrape(ctx.server.url)).toMatch(/^arena_rooms 1$/m);
    } finally {
      await other.close();
    }
  });

  it('gives the benchmark its numbers, tick quantiles from the histogram', async () => {
    const host = await createRoom(ctx.server.url, 'Benched');
    ctx.sockets.push(host.socket);
    await waitForTicks(host.socket, 5);
    const sample = await sampleServer(ctx.server.url);
    expect(sample.rooms).toBe(1);
    expect(sample.players).toBe(1);
    expect(sample.cpuSeconds).toBeGreaterThan(0);
    expect(sample.snapshotBytesOut).toBeGreaterThan(0);
    expect(sample.tickBuckets.at(-1)).toMatchObject({ le: Infinity });
    expect(sample.tickBuckets.at(-1)!.count).toBeGreaterThanOrEqual(5);
    expect(histogramQuantile(sample.tickBuckets, 0.99)).toBeGreaterThan(0);
  });

  it("gives the benchmark each input's wait at the server, counted once for each input that ran", async () => {
    const host = await createRoom(ctx.server.url, 'Waiting');
    ctx.sockets.push(host.socket);
    const before = await sampleServer(ctx.server.url);
    expect(before.inputWaitBuckets.at(-1)).toEqual({ le: Infinity, count: 0 });
    for (let seq = 1; seq <= 5; seq++) sendInput(host.socket, { seq, buttons: 0 });
    // The input buffer, five slots, and a few ticks to spare: only guesses follow.
    await waitForTicks(host.socket, 12);
    const after = await sampleServer(ctx.server.url);
    expect(after.inputWaitBuckets.at(-1)!.count).toBe(5);
    expect(histogramQuantile(after.inputWaitBuckets, 0.5)).toBeGreaterThan(0);
  });
});

describe('histogramQuantile', () => {
  const buckets = [
    { le: 0.001, count: 50 },
    { le: 0.01, count: 90 },
    { le: 0.1, count: 100 },
    { le: Infinity, count: 100 },
  ];

  it('interpolates within the bucket the rank falls in, as Prometheus does', () => {
    expect(histogramQuantile(buckets, 0.25)).toBeCloseTo(0.0005);
    expect(histogramQuantile(buckets, 0.7)).toBeCloseTo(0.0055);
    expect(histogramQuantile(buckets, 0.99)).toBeCloseTo(0.091);
  });

  it('answers the highest finite bound past it, and null without observations', () => {
    expect(histogramQuantile([...buckets.slice(0, 3), { le: Infinity, count: 200 }], 0.99)).toBe(
      0.1,
    );
    expect(histogramQuantile([{ le: Infinity, count: 0 }], 0.5)).toBeNull();
  });
});

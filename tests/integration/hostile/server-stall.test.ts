/**
 * The server's own stall is never held against its players. A real server process is stopped
 * (SIGSTOP) for 2.5 s while three bots keep sending their inputs on their own clocks, as
 * browsers do; when it resumes, it reads 2.5 s of inputs at once. That burst is forgiven: no
 * bot is told RATE_LIMITED or dropped. Meanwhile /readyz says the server is overloaded (it ran
 * far fewer ticks than it should), and once it keeps up again, that it is ready.
 */
import { emptyStats, runBot, type RunningBot } from '@arena/bots';
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { afterEach, describe, expect, it } from 'vitest';

const STALL_MS = 2500;

let server: ServerProcess | undefined;
const bots: RunningBot[] = [];

afterEach(async () => {
  server?.child.kill('SIGCONT');
  await Promise.all(bots.splice(0).map((bot) => bot.stop()));
  await server?.kill();
  server = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readiness(url: string): Promise<{ status: number; body: { status: string } }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string } };
}

async function untilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await readiness(url)).status !== 200) {
    if (performance.now() > deadline) throw new Error('/readyz never said ready again');
    await sleep(200);
  }
}

describe('a stall of the server itself', () => {
  it('costs its players nothing: the burst they sent meanwhile is forgiven', async () => {
    server = await startServerProcess();
    const stats = emptyStats();
    const host = await runBot(server.url, {
      name: 'Host',
      join: { create: { isPublic: true } },
      stats,
    });
    bots.push(host);
    for (const name of ['Guest1', 'Guest2'])
      bots.push(await runBot(server.url, { name, join: { code: host.joined.roomCode }, stats }));
    await untilReady(server.url, 10_000);
    await sleep(1000);
    const inputsBefore = stats.inputsSent;

    server.child.kill('SIGSTOP');
    await sleep(STALL_MS);
    server.child.kill('SIGCONT');
    // The bots kept sending all along: 2.5 s of inputs waited in the server's socket buffers.
    expect(stats.inputsSent - inputsBefore).toBeGreaterThan((3 * 30 * STALL_MS) / 1000 / 2);

    await sleep(300);
    const during = await readiness(server.url);
    expect(during.status).toBe(503);
    expect(during.body.status).toBe('overloaded');
    await sleep(1500);
    expect(stats.errors).toEqual({});
    expect(stats.drops).toEqual({});
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const stalled = Number(/^arena_event_loop_stalled_seconds_total (\S+)$/m.exec(metrics)?.[1]);
    expect(stalled).toBeGreaterThan((STALL_MS / 1000) * 0.8);
    await untilReady(server.url, 10_000);
  }, 40_000);
});

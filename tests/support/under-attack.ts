/**
 * What every hostile-client test checks, whatever the attack: three honest players in a room
 * keep getting their snapshots (at least HONEST_MIN_SNAPSHOT_RATE a second while the attack
 * runs), are never sent an error and never disconnected; the process stays up and its resident
 * memory grows by less than the bound the test states; and once the attack is over, every
 * count the server keeps for connections returns to what it was before.
 */
import type { Attack } from '@arena/bots/attack';
import { connectionCounts, type ConnectionCounts } from '@arena/server';
import { expect } from 'vitest';
import { snapshotRate, startHonestRoom, type HonestPlayer } from './honest-players.js';
import { waitForTicks } from './player.js';
import type { ServerPerTest } from './server-per-test.js';
import type { TestServer } from './server.js';

/** 30 snapshots a second by default: an attack may cost an honest player one in ten, no more. */
export const HONEST_MIN_SNAPSHOT_RATE = 27;

const MB = 1024 * 1024;

export interface AttackResult<T> {
  /** What the attack itself returned. */
  outcome: T;
  honest: HonestPlayer[];
  /** The lowest snapshot rate an honest player had while the attack ran. */
  minSnapshotRate: number;
  /** Resident memory of this process (server and attackers) above where it started, in MB. */
  rssGrowthMb: number;
}

export interface AttackBounds {
  /** Resident memory growth allowed while the attack runs, in MB. */
  rssGrowthMb: number;
  /** How long the counts may take to come back to rest after the attack. */
  settleMs?: number;
}

export async function underAttack<T>(
  ctx: ServerPerTest,
  bounds: AttackBounds,
  attack: (server: TestServer) => Promise<T>,
): Promise<AttackResult<T>> {
  const server = ctx.server;
  const { players: honest } = await startHonestRoom(server.url, 3);
  ctx.sockets.push(...honest.map((p) => p.socket));
  const drops: string[] = [];
  for (const player of honest) player.socket.on('disconnect', (reason) => drops.push(reason));
  // A second of play first: what the machine gives the honest players before any attack.
  const warmStartMs = performance.now();
  await waitForTicks(honest[0]!.socket, 30);
  const baselineRate = snapshotRate(honest[0]!, warmStartMs, performance.now());
  const resting = connectionCounts(server.services);

  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 25);
  const startMs = performance.now();
  let outcome: T;
  try {
    outcome = await attack(server);
  } finally {
    clearInterval(sampler);
  }
  const endMs = performance.now();
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

  const rates = honest.map((p) => snapshotRate(p, startMs, endMs));
  const result: AttackResult<T> = {
    outcome,
    honest,
    minSnapshotRate: Math.min(...rates),
    rssGrowthMb: (rssPeak - rssStart) / MB,
  };
  const rounded = rates.map((r) => r.toFixed(1));
  console.log(
    `under attack for ${Math.round(endMs - startMs)} ms:`,
    JSON.stringify({ ...result, honest: undefined, rates: rounded, baselineRate }),
  );

  expect(drops).toEqual([]);
  for (const player of honest) {
    expect(player.errors).toEqual([]);
    expect(player.socket.connected).toBe(true);
  }
  // A machine too busy to give even the second before the attack its snapshots says so here.
  expect(
    result.minSnapshotRate,
    `snapshots/s during the attack (${baselineRate.toFixed(1)}/s the second before it)`,
  ).toBeGreaterThanOrEqual(HONEST_MIN_SNAPSHOT_RATE);
  expect(result.rssGrowthMb).toBeLessThan(bounds.rssGrowthMb);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  await expectBackToRest(server, resting, bounds.settleMs ?? 5000);
  return result;
}

/** Waits for every connection count to return to `resting`, then checks that it did. */
export async function expectBackToRest(
  server: TestServer,
  resting: ConnectionCounts,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const same = () => JSON.stringify(connectionCounts(server.services)) === JSON.stringify(resting);
  while (!same() && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(connectionCounts(server.services)).toEqual(resting);
}

/** Runs an attack from `@arena/bots/attack` for `durationMs` against `server`. */
export function run(attack: Attack, server: TestServer, durationMs: number) {
  return attack({ url: server.url, port: server.port }, durationMs);
}

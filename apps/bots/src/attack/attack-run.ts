/**
 * Runs hostile clients against a server beside three honest bots in one room, one attack at a
 * time, and measures what the honest players got before, during and after each: their
 * snapshot rate (the lowest of the three), input-to-ack latency, errors and drops, and the
 * server's resident memory. What `npm run attack` prints.
 */
import { emptyHistogram, histogramPercentile, mergeHistogramInto } from '@arena/devkit';
import { emptyStats, type BotStats } from '../bot-stats.js';
import { runBot, type RunningBot } from '../run-bot.js';
import { sampleServer } from '../bench/server-metrics.js';
import type { Attack, AttackTally, AttackTarget } from './attack.js';

export interface PhaseFigures {
  seconds: number;
  /** The lowest snapshot rate of the three honest players. */
  minSnapshotsPerSecond: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  /** Errors the honest players were sent, and their drops, by code or reason. */
  errors: Record<string, number>;
  drops: Record<string, number>;
  /** The server's resident memory at the end of the phase; null if it did not answer. */
  serverRssMb: number | null;
}

export interface AttackReport {
  name: string;
  outcome: AttackTally;
  before: PhaseFigures;
  during: PhaseFigures;
  after: PhaseFigures;
}

interface Honest {
  bots: RunningBot[];
  stats: BotStats[];
  roomCode: string;
}

export async function startHonestTrio(url: string): Promise<Honest> {
  const stats = [emptyStats(), emptyStats(), emptyStats()];
  const host = await runBot(url, {
    name: 'Honest1',
    join: { create: { isPublic: false } },
    stats: stats[0],
  });
  const bots = [host];
  for (let i = 1; i < 3; i++) {
    const join = { code: host.joined.roomCode };
    bots.push(await runBot(url, { name: `Honest${i + 1}`, join, stats: stats[i] }));
  }
  return { bots, stats, roomCode: host.joined.roomCode };
}

const copy = (table: Record<string, number>) => ({ ...table });

function difference(now: Record<string, number>, before: Record<string, number>) {
  const changed: Record<string, number> = {};
  for (const [key, n] of Object.entries(now)) {
    const grown = n - (before[key] ?? 0);
    if (grown > 0) changed[key] = grown;
  }
  return changed;
}

async function serverRssMb(url: string): Promise<number | null> {
  try {
    return (await sampleServer(url)).rssBytes / 2 ** 20;
  } catch {
    return null;
  }
}

/** Measures the honest players while `during` runs (or for `ms` when it is a plain wait). */
async function phase(url: string, honest: Honest, work: Promise<unknown>): Promise<PhaseFigures> {
  const snapshots = honest.stats.map((s) => s.snapshots);
  const errors = honest.stats.map((s) => copy(s.errors));
  const drops = honest.stats.map((s) => copy(s.drops));
  for (const stats of honest.stats) stats.ackLatency = emptyHistogram();
  const startMs = performance.now();
  await work;
  const seconds = (performance.now() - startMs) / 1000;
  const latencies = honest.stats.reduce(
    (all, s) => mergeHistogramInto(all, s.ackLatency),
    emptyHistogram(),
  );
  const merge = (tables: Record<string, number>[]) =>
    tables.reduce<Record<string, number>>((all, table) => {
      for (const [key, n] of Object.entries(table)) all[key] = (all[key] ?? 0) + n;
      return all;
    }, {});
  return {
    seconds,
    minSnapshotsPerSecond: Math.min(
      ...honest.stats.map((s, i) => (s.snapshots - snapshots[i]!) / seconds),
    ),
    ackP50Ms: histogramPercentile(latencies, 0.5),
    ackP99Ms: histogramPercentile(latencies, 0.99),
    errors: merge(honest.stats.map((s, i) => difference(s.errors, errors[i]!))),
    drops: merge(honest.stats.map((s, i) => difference(s.drops, drops[i]!))),
    serverRssMb: await serverRssMb(url),
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface AttackPlan {
  name: string;
  attack: Attack;
  /** Claim this address through X-Forwarded-For (the server trusts loopback as its proxy). */
  forwardedFor?: string;
}

/** One attack: `quietMs` before, `attackMs` during, `quietMs` after. */
export async function runAttack(
  target: AttackTarget,
  honest: Honest,
  plan: AttackPlan,
  attackMs: number,
  quietMs: number,
): Promise<AttackReport> {
  const before = await phase(target.url, honest, wait(quietMs));
  let outcome: AttackTally = {};
  const attacked = {
    ...target,
    roomCode: honest.roomCode,
    ...(plan.forwardedFor ? { forwardedFor: plan.forwardedFor } : {}),
  };
  const during = await phase(
    target.url,
    honest,
    plan.attack(attacked, attackMs).then((tally) => (outcome = tally)),
  );
  const after = await phase(target.url, honest, wait(quietMs));
  return { name: plan.name, outcome, before, during, after };
}

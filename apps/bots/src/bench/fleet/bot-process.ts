/**
 * A bot process of the benchmark: its share of the clients, all playing through the shared
 * `NetClient` (socket.io bots against Arena, `ws` bots against the floor), and what it costs
 * them: CPU, event-loop utilization and delay, so the bench can tell when the load generator
 * rather than the server is the limit. Driven by the bench over IPC (fleet-messages.ts).
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { emptyHistogram } from '@arena/devkit';
import type { NetClient } from '@arena/shared/netcode/client';
import { emptyStats } from '../../bot-stats.js';
import { runBot } from '../../run-bot.js';
import { EventLoopLagMonitor } from '../event-loop-lag.js';
import { FloorBot } from '../floor/floor-bot.js';
import { SystemName } from '../systems.js';
import {
  JOIN_TIMEOUT_MS,
  MAX_JOINING,
  type FleetPlan,
  type FleetReply,
  type FleetRequest,
} from './fleet-messages.js';

const MAX_REPORTED_FAILURES = 5;
/** How often a process seating its bots says how far it got (read back if it times out). */
const PROGRESS_EVERY_MS = 5000;

interface SeatedBot {
  net: NetClient;
  stop: () => Promise<void> | void;
}

const stats = emptyStats();
const bots: SeatedBot[] = [];
const snapshotsPerBot: number[] = [];
const loopLag = new EventLoopLagMonitor();

const reply = (message: FleetReply) => process.send?.(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function seat(plan: FleetPlan, index: number): Promise<SeatedBot> {
  const seed = plan.seed + (plan.firstIndex + index) * 7919;
  if (plan.system === SystemName.Floor) {
    const bot = new FloorBot(plan.url, seed, stats);
    await bot.joined;
    return { net: bot.net, stop: () => bot.stop() };
  }
  const name = `bench${plan.firstIndex + index}`;
  const bot = await runBot(plan.url, { seed, name, join: { quickPlay: true }, stats });
  return { net: bot.client.net, stop: () => bot.stop() };
}

/** Starts every bot, at most `MAX_JOINING` at a time, until all are or the deadline passed. */
async function seatAll(plan: FleetPlan, failures: string[], deadlineMs: number): Promise<void> {
  const joining = new Set<Promise<void>>();
  for (let i = 0; i < plan.count && performance.now() < deadlineMs; i++) {
    while (joining.size >= MAX_JOINING) await Promise.race(joining);
    const seated = seat(plan, i).then((bot) => {
      const slot = bots.push(bot) - 1;
      snapshotsPerBot[slot] = 0;
      bot.net.onSnapshot(() => (snapshotsPerBot[slot]! += 1));
    });
    const timeout = sleep(JOIN_TIMEOUT_MS).then(() => {
      throw new Error(`not seated within ${JOIN_TIMEOUT_MS / 1000} s`);
    });
    const settled = Promise.race([seated, timeout])
      .catch((e: Error) => void failures.push(`bot ${plan.firstIndex + i}: ${e.message}`))
      .finally(() => joining.delete(settled));
    joining.add(settled);
    await sleep(plan.staggerMs);
  }
  await Promise.all(joining);
}

async function start(plan: FleetPlan): Promise<void> {
  const failures: string[] = [];
  const progress = setInterval(() => {
    console.log(`seated ${bots.length}, failed ${failures.length} of ${plan.count}`);
  }, PROGRESS_EVERY_MS);
  const deadlineMs = performance.now() + plan.seatingDeadlineMs;
  // Past the deadline the run goes on with the bots seated so far; the rest may still join.
  await Promise.race([seatAll(plan, failures, deadlineMs), sleep(plan.seatingDeadlineMs)]);
  clearInterval(progress);
  const unsettled = plan.count - bots.length - failures.length;
  if (unsettled > 0) {
    failures.unshift(`${unsettled} not seated within ${plan.seatingDeadlineMs / 1000} s`);
  }
  reply({ type: 'ready', seated: bots.length, failures: failures.slice(0, MAX_REPORTED_FAILURES) });
}

/** What the window measures from: taken at `window-start`. */
let from: {
  atMs: number;
  cpu: NodeJS.CpuUsage;
  elu: EventLoopUtilization;
  snapshots: number[];
  snapshotBytes: number;
  inputsSent: number;
  drops: Record<string, number>;
  errors: Record<string, number>;
} | null = null;

function openWindow(): void {
  stats.ackLatency = emptyHistogram();
  loopLag.read();
  from = {
    atMs: performance.now(),
    cpu: process.cpuUsage(),
    elu: performance.eventLoopUtilization(),
    snapshots: [...snapshotsPerBot],
    snapshotBytes: stats.snapshotBytes,
    inputsSent: stats.inputsSent,
    drops: { ...stats.drops },
    errors: { ...stats.errors },
  };
}

function sinceThen(now: Record<string, number>, then: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(now))
    if (n > (then[key] ?? 0)) out[key] = n - (then[key] ?? 0);
  return out;
}

function closeWindow(): void {
  if (!from) throw new Error('window-end before window-start');
  const cpu = process.cpuUsage(from.cpu);
  const lag = loopLag.read();
  reply({
    type: 'window',
    window: {
      seconds: (performance.now() - from.atMs) / 1000,
      snapshotsPerBot: snapshotsPerBot.map((n, i) => n - (from!.snapshots[i] ?? 0)),
      snapshotBytes: stats.snapshotBytes - from.snapshotBytes,
      inputsSent: stats.inputsSent - from.inputsSent,
      ackLatency: stats.ackLatency,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      eventLoopUtilization: performance.eventLoopUtilization(from.elu).utilization,
      eventLoopLagP99Ms: lag.p99Ms,
      eventLoopLagMaxMs: lag.maxMs,
      drops: sinceThen(stats.drops, from.drops),
      errors: sinceThen(stats.errors, from.errors),
    },
  });
}

async function stop(): Promise<void> {
  await Promise.all(bots.map((bot) => Promise.resolve(bot.stop()).catch(() => undefined)));
  reply({ type: 'stopped' });
  process.disconnect();
}

process.on('message', (request: FleetRequest) => {
  if (request.type === 'start') void start(request.plan);
  else if (request.type === 'window-start') openWindow();
  else if (request.type === 'window-end') closeWindow();
  else void stop();
});
// The bench going away leaves nobody to stop us.
process.on('disconnect', () => process.exit(0));

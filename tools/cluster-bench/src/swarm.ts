/**
 * The benchmark's players: one host bot per room creates it on the room's owner (here, in this
 * thread), then the rest join by code through worker threads, each on the process the layout
 * gives it, counted in the group `owner` or `other`.
 */
import { Worker } from 'node:worker_threads';
import { emptyStats, mergeStats, runBot, type BotStats, type RunningBot } from '@arena/bots';
import type { Seat, SeatGroup, SeatReport } from './seat-worker.js';

export interface SwarmPlan {
  /** The server processes' addresses. */
  urls: readonly string[];
  rooms: number;
  players: number;
  perRoom: number;
  workers: number;
  /** Half of each room's players connect to a process other than the room's owner. */
  crossed: boolean;
}

export interface Swarm {
  /** Each room's code, and the index of the process that owns it. */
  rooms: { code: string; owner: number }[];
  /** Every bot's counters so far, by group (from the workers' last reports). */
  stats: () => Partial<Record<SeatGroup, BotStats>>;
  failures: () => string[];
  /** Starts every counter afresh: what came before (joins, warm-up) is not measured. */
  reset: () => void;
  stop: () => Promise<void>;
}

/** Rooms take turns on the processes, so each process owns an equal share. */
export async function startSwarm(plan: SwarmPlan): Promise<Swarm> {
  const hosts: RunningBot[] = [];
  const rooms: Swarm['rooms'] = [];
  const seats: Seat[] = [];
  for (let r = 0; r < plan.rooms; r++) {
    const owner = r % plan.urls.length;
    const elsewhere = (owner + 1) % plan.urls.length;
    const join = { create: { isPublic: true } };
    const host = await runBot(plan.urls[owner]!, { name: `host${r}`, seed: r, join });
    hosts.push(host);
    rooms.push({ code: host.joined.roomCode, owner });
    for (let p = 1; p < plan.perRoom && seats.length + plan.rooms < plan.players; p++) {
      const other = plan.crossed && plan.urls.length > 1 && p % 2 === 1;
      seats.push({
        url: plan.urls[other ? elsewhere : owner]!,
        code: host.joined.roomCode,
        group: other ? 'other' : 'owner',
        name: `bot${r}-${p}`,
        seed: r * 100 + p,
      });
    }
  }
  const workers = await startWorkers(seats, plan.workers);
  return {
    rooms,
    stats: () => workers.stats(),
    failures: () => workers.failures(),
    reset: () => workers.reset(),
    stop: async () => {
      await Promise.all(hosts.map((bot) => bot.stop()));
      await workers.stop();
    },
  };
}

async function startWorkers(seats: Seat[], count: number) {
  const latest = new Map<number, SeatReport>();
  const perWorker = Math.ceil(seats.length / count);
  const threads: { worker: Worker; exited: Promise<void> }[] = [];
  for (let w = 0; w * perWorker < seats.length; w++) {
    const share = seats.slice(w * perWorker, (w + 1) * perWorker);
    const worker = new Worker(new URL('./seat-worker-entry.mjs', import.meta.url), {
      workerData: share,
    });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    threads.push({ worker, exited });
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (report: SeatReport) => {
        latest.set(w, report);
        if (report.type === 'ready') resolve();
      });
      worker.once('error', reject);
    });
  }
  const stats = () => {
    const total: Partial<Record<SeatGroup, BotStats>> = {};
    for (const report of latest.values())
      for (const [group, s] of Object.entries(report.stats) as [SeatGroup, BotStats][])
        total[group] = mergeStats(total[group] ?? emptyStats(), s);
    return total;
  };
  return {
    stats,
    failures: () => [...latest.values()].flatMap((report) => report.failures),
    reset: () => {
      for (const { worker } of threads) worker.postMessage('reset');
      latest.clear();
    },
    stop: async () => {
      for (const { worker } of threads) worker.postMessage('stop');
      await Promise.all(threads.map((t) => t.exited));
    },
  };
}

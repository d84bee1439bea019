/**
 * `spawnBots`: many bots against one server, spread over worker threads so the bots' own
 * work (timers, decoding snapshots) does not share one event loop. With `workers: 0` they run
 * in the calling thread (handy inside a test runner, where worker threads would not get the
 * TypeScript loader).
 */
import { Worker } from 'node:worker_threads';
import { emptyStats, mergeStats, type BotStats } from './bot-stats.js';
import { runBot, type JoinMode, type RunningBot } from './run-bot.js';
import type { WorkerMessage, WorkerPlan } from './bot-worker.js';

export interface SpawnOptions {
  url: string;
  count: number;
  /** Worker threads to spread the bots over; 0 runs them in this thread. */
  workers?: number;
  join?: JoinMode;
  /** Bots start this far apart, so a crowd does not arrive in one burst. */
  staggerMs?: number;
  seed?: number;
}

export interface BotSwarm {
  /** Counters of every bot so far (from workers: as of their last report). */
  stats: () => BotStats;
  /** Resolves once every bot has joined (or failed to). */
  ready: Promise<void>;
  /** Why each bot that could not connect or join could not (from workers: as last reported). */
  failures: () => string[];
  stop: () => Promise<BotStats>;
}

/** Runs bots in this thread; also what each worker thread runs. */
export function spawnInThread(plan: WorkerPlan, stats: BotStats = emptyStats()) {
  const bots: RunningBot[] = [];
  const failures: string[] = [];
  const ready = (async () => {
    for (let i = 0; i < plan.count; i++) {
      const seed = plan.seed + i;
      try {
        bots.push(
          await runBot(plan.url, {
            seed,
            name: `bot${plan.firstIndex + i}`,
            join: plan.join,
            stats,
          }),
        );
      } catch (error) {
        failures.push((error as Error).message);
      }
      if (plan.staggerMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.staggerMs));
    }
  })();
  const stop = async () => {
    await ready;
    await Promise.all(bots.map((b) => b.stop()));
    return stats;
  };
  return { stats, ready, stop, failures };
}

function plans(options: SpawnOptions, workers: number): WorkerPlan[] {
  const out: WorkerPlan[] = [];
  let firstIndex = 0;
  for (let w = 0; w < workers; w++) {
    const count = Math.floor(options.count / workers) + (w < options.count % workers ? 1 : 0);
    out.push({
      url: options.url,
      count,
      firstIndex,
      join: options.join ?? { quickPlay: true },
      staggerMs: options.staggerMs ?? 20,
      seed: (options.seed ?? 1) + firstIndex * 7919,
    });
    firstIndex += count;
  }
  return out;
}

export function spawnBots(options: SpawnOptions): BotSwarm {
  const workers = Math.min(options.workers ?? 2, options.count);
  if (workers <= 0) {
    const local = spawnInThread(plans(options, 1)[0]!);
    return {
      stats: () => local.stats,
      ready: local.ready,
      stop: local.stop,
      failures: () => [...local.failures],
    };
  }
  const latest = new Map<number, BotStats>();
  const failed = new Map<number, string[]>();
  const threads = plans(options, workers).map((plan, index) => {
    const worker = new Worker(new URL('./bot-worker-entry.mjs', import.meta.url), {
      workerData: plan,
    });
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        latest.set(index, message.stats);
        failed.set(index, message.failures);
        if (message.type === 'ready') resolve();
      });
      worker.once('error', reject);
    });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    return { worker, ready, exited };
  });
  const total = () => [...latest.values()].reduce((sum, s) => mergeStats(sum, s), emptyStats());
  return {
    stats: total,
    ready: Promise.all(threads.map((t) => t.ready)).then(() => undefined),
    failures: () => [...failed.values()].flat(),
    stop: async () => {
      for (const t of threads) t.worker.postMessage('stop');
      await Promise.all(threads.map((t) => t.exited));
      return total();
    },
  };
}

/**
 * A worker thread full of bots: runs its share of a swarm, reports its counters every second,
 * and on 'stop' stops its bots, sends a final report and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BotStats } from './bot-stats.js';
import type { JoinMode } from './run-bot.js';
import { spawnInThread } from './spawn-bots.js';

export interface WorkerPlan {
  url: string;
  count: number;
  firstIndex: number;
  join: JoinMode;
  staggerMs: number;
  seed: number;
}

export interface WorkerMessage {
  type: 'ready' | 'stats' | 'stopped';
  stats: BotStats;
  /** Why each of its bots that could not connect or join could not. */
  failures: string[];
}

const REPORT_MS = 1000;

if (parentPort) {
  const port = parentPort;
  const swarm = spawnInThread(workerData as WorkerPlan);
  const post = (type: WorkerMessage['type']) =>
    port.postMessage({
      type,
      stats: swarm.stats,
      failures: swarm.failures,
    } satisfies WorkerMessage);
  const reporter = setInterval(() => post('stats'), REPORT_MS);
  void swarm.ready.then(() => post('ready'));
  port.on('message', (message) => {
    if (message !== 'stop') return;
    void swarm.stop().then(() => {
      clearInterval(reporter);
      post('stopped');
      port.close();
    });
  });
}

/**
 * A worker thread of the cluster benchmark: runs bots that each join a given room through a
 * given server process, and reports their counters per group (players on their room's own
 * process, or on another) every second; on 'reset' starts their counters afresh (the end of
 * the warm-up), on 'stop' stops them and sends a last report.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { emptyStats, runBot, type BotStats, type RunningBot } from '@arena/bots';

/** One bot: which process it connects to, which room it joins, which group it counts in. */
export interface Seat {
  url: string;
  code: string;
  group: SeatGroup;
  name: string;
  seed: number;
}

/** `owner`: connected to the process that runs its room; `other`: to another process. */
export type SeatGroup = 'owner' | 'other';

export interface SeatReport {
  type: 'ready' | 'stats' | 'stopped';
  stats: Partial<Record<SeatGroup, BotStats>>;
  failures: string[];
}

const REPORT_MS = 1000;

async function run(port: NonNullable<typeof parentPort>, seats: Seat[]): Promise<void> {
  const stats: Partial<Record<SeatGroup, BotStats>> = {};
  const bots: RunningBot[] = [];
  const failures: string[] = [];
  const post = (type: SeatReport['type']) =>
    port.postMessage({ type, stats, failures } satisfies SeatReport);
  const reporter = setInterval(() => post('stats'), REPORT_MS);
  for (const seat of seats) {
    const group = (stats[seat.group] ??= emptyStats());
    try {
      const join = { code: seat.code };
      bots.push(await runBot(seat.url, { name: seat.name, seed: seat.seed, join, stats: group }));
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  post('ready');
  port.on('message', (message) => {
    // In place: every bot of a group holds the same counters object.
    if (message === 'reset')
      for (const group of Object.values(stats)) Object.assign(group, emptyStats());
    if (message !== 'stop') return;
    void Promise.all(bots.map((bot) => bot.stop())).then(() => {
      clearInterval(reporter);
      post('stopped');
      port.close();
    });
  });
}

if (parentPort) void run(parentPort, workerData as Seat[]);

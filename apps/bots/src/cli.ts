/**
 * `npm run bots -- --url http://localhost:3000 --count 20`: headless players against a running
 * server, for demos and load. Prints what they see every few seconds; Ctrl-C stops them.
 * Bots that cannot connect or join are named with the reason, and make the exit code 1: when
 * none could, at once (there is nothing to watch), otherwise when the others are stopped.
 */
import { numberOption, readOptions, runCommand } from '@arena/devkit';
import { ackLatencyMs } from './bot-stats.js';
import { summarizeFailures } from './failure-reason.js';
import { spawnBots } from './spawn-bots.js';

const USAGE = `usage: npm run bots -- [--url http://localhost:3000] [--count 20] [--workers 2]
                    [--join quickplay|create|CODE] [--seconds 0 (until Ctrl-C)]`;

function joinMode(value: string) {
  if (value === 'quickplay') return { quickPlay: true } as const;
  if (value === 'create') return { create: { isPublic: true } };
  return { code: value.toUpperCase() };
}

async function main(): Promise<void> {
  const args = readOptions({
    url: { type: 'string' },
    count: { type: 'string' },
    workers: { type: 'string' },
    join: { type: 'string' },
    seconds: { type: 'string' },
  });
  const url = args.url ?? 'http://localhost:3000';
  const join = args.join ?? 'quickplay';
  const count = numberOption('count', args.count, 20, 'count');
  const seconds = numberOption('seconds', args.seconds, 0);
  const swarm = spawnBots({
    url,
    count,
    workers: numberOption('workers', args.workers, 2),
    join: joinMode(join),
  });
  console.log(`bots: ${count} bots joining ${url} (${join})`);
  let lastSnapshots = 0;
  const report = setInterval(() => {
    const s = swarm.stats();
    const rate = (s.snapshots - lastSnapshots) / 5;
    lastSnapshots = s.snapshots;
    const p50 = ackLatencyMs(s, 0.5)?.toFixed(1) ?? '-';
    const p99 = ackLatencyMs(s, 0.99)?.toFixed(1) ?? '-';
    console.log(
      `bots: joined ${s.joins}, inputs ${s.inputsSent}, snapshots/s ${rate.toFixed(0)}, ack p50 ${p50} ms p99 ${p99} ms, errors ${JSON.stringify(s.errors)}, drops ${JSON.stringify(s.drops)}`,
    );
  }, 5000);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(report);
    const s = await swarm.stop();
    console.log(`bots: stopped; ${s.inputsSent} inputs sent, ${s.snapshots} snapshots received`);
    process.exit(swarm.failures().length > 0 ? 1 : 0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  if (seconds > 0) setTimeout(() => void stop(), seconds * 1000);
  await swarm.ready;
  const failures = swarm.failures();
  const joined = count - failures.length;
  console.log(`bots: ${joined} of ${count} joined`);
  if (failures.length === 0) return;
  console.error(`bots: ${failures.length} of ${count} failed: ${summarizeFailures(failures)}`);
  if (joined === 0) await stop();
}

runCommand('bots', USAGE, main);

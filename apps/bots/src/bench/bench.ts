/**
 * The benchmark: bots play against a real server process for a while, and the server's own
 * counters plus the bots' measurements give CPU per player, bytes per player per second,
 * input-to-acknowledgement latency and tick duration. Numbers, never pass/fail.
 */
import { startServerProcess } from '@arena/devkit';
import { ackLatencyMs, type BotStats } from '../bot-stats.js';
import { spawnBots } from '../spawn-bots.js';
import {
  bucketsBetween,
  histogramQuantile,
  sampleServer,
  type ServerSample,
} from './server-metrics.js';

export interface BenchOptions {
  players: number;
  seconds: number;
  warmupSeconds: number;
  playersPerRoom: number;
  workers: number;
  log: (line: string) => void;
}

export interface BenchResult {
  players: number;
  rooms: number;
  seconds: number;
  serverCpuCoresPerPlayer: number;
  serverCpuCoresPer1000Players: number;
  snapshotBytesPerPlayerPerSecond: number;
  ackLatencyP50Ms: number | null;
  ackLatencyP99Ms: number | null;
  /** Estimated from the server's tick histogram over the measured window (bucket-wide). */
  tickDurationP50Ms: number | null;
  tickDurationP99Ms: number | null;
  serverRssMb: number;
  inputsDroppedPerSecond: number;
  botDrops: Record<string, number>;
}

function summarize(a: ServerSample, b: ServerSample, bots: BotStats): BenchResult {
  const seconds = (b.atMs - a.atMs) / 1000;
  const players = Math.max(1, b.players);
  const coresPerPlayer = (b.cpuSeconds - a.cpuSeconds) / seconds / players;
  const ticks = bucketsBetween(a.tickBuckets, b.tickBuckets);
  const tickMs = (q: number) => {
    const s = histogramQuantile(ticks, q);
    return s === null ? null : s * 1000;
  };
  return {
    players: b.players,
    rooms: b.rooms,
    seconds: Number(seconds.toFixed(1)),
    serverCpuCoresPerPlayer: coresPerPlayer,
    serverCpuCoresPer1000Players: coresPerPlayer * 1000,
    snapshotBytesPerPlayerPerSecond: (b.snapshotBytesOut - a.snapshotBytesOut) / seconds / players,
    ackLatencyP50Ms: ackLatencyMs(bots, 0.5),
    ackLatencyP99Ms: ackLatencyMs(bots, 0.99),
    tickDurationP50Ms: tickMs(0.5),
    tickDurationP99Ms: tickMs(0.99),
    serverRssMb: b.rssBytes / 2 ** 20,
    inputsDroppedPerSecond: (b.inputsDropped - a.inputsDropped) / seconds,
    botDrops: bots.drops,
  };
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  // Its own process, so the CPU time it reports is the server's alone, not the bots'.
  const server = await startServerProcess({
    env: {
      MAX_PLAYERS_PER_ROOM: String(options.playersPerRoom),
      MAX_CONNECTIONS_PER_IP: String(options.players + 50),
      MAX_ROOMS: String(Math.ceil(options.players / options.playersPerRoom) + 10),
      // Every bot comes from loopback: the per-address room limits are lifted too.
      MAX_ROOMS_PER_IP: '10000',
      ROOMS_OPENED_PER_MIN_PER_IP: '10000',
    },
  });
  options.log(`bench: server at ${server.url}; starting ${options.players} bots`);
  const swarm = spawnBots({
    url: server.url,
    count: options.players,
    workers: options.workers,
    join: { quickPlay: true },
  });
  try {
    await swarm.ready;
    options.log(`bench: ${swarm.stats().joins} joined; warming up ${options.warmupSeconds} s`);
    await new Promise((resolve) => setTimeout(resolve, options.warmupSeconds * 1000));
    const before = await sampleServer(server.url);
    options.log(`bench: measuring for ${options.seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
    const after = await sampleServer(server.url);
    return summarize(before, after, swarm.stats());
  } catch (error) {
    throw new Error(`${String(error)}\nserver output:\n${server.output()}`, { cause: error });
  } finally {
    await swarm.stop();
    await server.stop();
  }
}

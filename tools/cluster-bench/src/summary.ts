/** What one scenario of the cluster benchmark measured, from two samples and the bots' counters. */
import { ackLatencyMs, type BotStats } from '@arena/bots';
import { bucketsBetween, histogramQuantile } from '@arena/bots/server-metrics';
import type { ProcessSample } from './metrics-text.js';
import { redisLoad, type RedisLoad, type RedisSample } from './redis-stats.js';
import type { SeatGroup } from './seat-worker.js';
import type { TakeoverSeen } from './takeover-probe.js';

export interface Sample {
  processes: ProcessSample[];
  redis: RedisSample | null;
}

export interface Latency {
  p50: number | null;
  p99: number | null;
}

export interface Takeover {
  /** Rooms whose owner was killed; `seen` has one entry per room that came back in time. */
  rooms: number;
  seen: TakeoverSeen[];
}

export interface ScenarioResult {
  scenario: string;
  players: number;
  rooms: number;
  seconds: number;
  serverCpuCoresPer1000Players: number;
  cpuCoresPerProcess: number[];
  /** Input to acknowledging snapshot, by where the player is connected. */
  ackLatencyMs: Partial<Record<SeatGroup, Latency & { inputs: number }>>;
  /** On the rooms' owners' clock: a forwarded input's arrival minus its sending. */
  forwardedInputLatencyMs: Latency | null;
  redis: RedisLoad | null;
  botFailures: string[];
  takeover: Takeover | null;
}

export function summarize(
  scenario: string,
  before: Sample,
  after: Sample,
  stats: Partial<Record<SeatGroup, BotStats>>,
  botFailures: string[],
): ScenarioResult {
  const seconds = (after.processes[0]!.atMs - before.processes[0]!.atMs) / 1000;
  const cores = after.processes.map(
    (p, i) => (p.cpuSeconds - before.processes[i]!.cpuSeconds) / seconds,
  );
  const players = after.processes.reduce((total, p) => total + p.players, 0);
  const latency = Object.fromEntries(
    Object.entries(stats).map(([group, s]) => [
      group,
      { p50: ackLatencyMs(s, 0.5), p99: ackLatencyMs(s, 0.99), inputs: s.inputsSent },
    ]),
  );
  return {
    scenario,
    players,
    rooms: after.processes.reduce((total, p) => total + p.rooms, 0),
    seconds: Number(seconds.toFixed(1)),
    serverCpuCoresPer1000Players: (cores.reduce((a, b) => a + b, 0) / Math.max(1, players)) * 1000,
    cpuCoresPerProcess: cores,
    ackLatencyMs: latency,
    forwardedInputLatencyMs: forwardedLatency(before.processes, after.processes),
    redis: before.redis && after.redis ? redisLoad(before.redis, after.redis) : null,
    botFailures,
    takeover: null,
  };
}

/** The forwarded inputs of every process together, between the samples; null if none. */
function forwardedLatency(before: ProcessSample[], after: ProcessSample[]): Latency | null {
  const buckets = after
    .map((p, i) => bucketsBetween(before[i]!.forwardBuckets, p.forwardBuckets))
    .reduce((sum, each) =>
      sum.length === 0 ? each : sum.map((b, i) => ({ le: b.le, count: b.count + each[i]!.count })),
    );
  const ms = (q: number) => {
    const seconds = histogramQuantile(buckets, q);
    return seconds === null ? null : seconds * 1000;
  };
  if ((buckets.at(-1)?.count ?? 0) === 0) return null;
  return { p50: ms(0.5), p99: ms(0.99) };
}

/**
 * What bots measure about themselves: traffic, errors by code, and how long an input took to
 * be acknowledged by a snapshot. Plain numbers, so worker threads can post them to the parent
 * and the parent can add them up.
 */
import { percentile } from '@arena/devkit';

export interface BotStats {
  connects: number;
  joins: number;
  inputsSent: number;
  snapshots: number;
  snapshotBytes: number;
  chatsSent: number;
  /** Errors received, by code. */
  errors: Record<string, number>;
  /** Disconnects not asked for by the bot, by reason. */
  drops: Record<string, number>;
  /** Input-to-acknowledgement latencies in ms (a bounded sample). */
  ackLatenciesMs: number[];
}

/** Latency samples kept per stats object; enough for p99 without growing forever. */
export const MAX_LATENCY_SAMPLES = 5000;

export function emptyStats(): BotStats {
  return {
    connects: 0,
    joins: 0,
    inputsSent: 0,
    snapshots: 0,
    snapshotBytes: 0,
    chatsSent: 0,
    errors: {},
    drops: {},
    ackLatenciesMs: [],
  };
}

export function countInto(table: Record<string, number>, key: string, n = 1): void {
  table[key] = (table[key] ?? 0) + n;
}

/** Keeps a uniform-ish sample: once full, each new value replaces a slot in turn. */
export function sampleLatency(stats: BotStats, ms: number): void {
  if (stats.ackLatenciesMs.length < MAX_LATENCY_SAMPLES) stats.ackLatenciesMs.push(ms);
  else stats.ackLatenciesMs[stats.inputsSent % MAX_LATENCY_SAMPLES] = ms;
}

export function mergeStats(into: BotStats, from: BotStats): BotStats {
  into.connects += from.connects;
  into.joins += from.joins;
  into.inputsSent += from.inputsSent;
  into.snapshots += from.snapshots;
  into.snapshotBytes += from.snapshotBytes;
  into.chatsSent += from.chatsSent;
  for (const [code, n] of Object.entries(from.errors)) countInto(into.errors, code, n);
  for (const [reason, n] of Object.entries(from.drops)) countInto(into.drops, reason, n);
  for (const ms of from.ackLatenciesMs) {
    if (into.ackLatenciesMs.length < MAX_LATENCY_SAMPLES) into.ackLatenciesMs.push(ms);
  }
  return into;
}

/** An input-to-acknowledgement latency percentile (`q` in [0, 1]), or null before any. */
export function ackLatencyMs(stats: BotStats, q: number): number | null {
  return stats.ackLatenciesMs.length === 0 ? null : percentile(stats.ackLatenciesMs, q);
}

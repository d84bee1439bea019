/**
 * What bots measure about themselves: traffic, errors by code, and how long an input took to
 * be acknowledged by a snapshot. Plain numbers, so worker threads can post them to the parent
 * and the parent can add them up.
 */
import {
  emptyHistogram,
  histogramPercentile,
  mergeHistogramInto,
  recordInto,
  type Histogram,
} from '@arena/devkit';

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
  /** Input-to-acknowledgement latencies in ms, every one (a histogram: fixed size). */
  ackLatency: Histogram;
}

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
    ackLatency: emptyHistogram(),
  };
}

export function countInto(table: Record<string, number>, key: string, n = 1): void {
  table[key] = (table[key] ?? 0) + n;
}

export function sampleLatency(stats: BotStats, ms: number): void {
  recordInto(stats.ackLatency, ms);
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
  mergeHistogramInto(into.ackLatency, from.ackLatency);
  return into;
}

/** An input-to-acknowledgement latency percentile (`q` in [0, 1]), or null before any. */
export function ackLatencyMs(stats: BotStats, q: number): number | null {
  return histogramPercentile(stats.ackLatency, q);
}

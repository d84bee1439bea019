/**
 * What the bench says to its bot processes and what they answer (over Node's IPC channel).
 * A measuring window is opened and closed by the bench, so warm-up and joining never count.
 */
import type { Histogram } from '@arena/devkit';
import type { SystemName } from '../systems.js';

export interface FleetPlan {
  system: SystemName;
  url: string;
  count: number;
  /** Seeds and names go on from here, so every bot of a run differs. */
  firstIndex: number;
  seed: number;
  /** Bots start this far apart, so a crowd does not arrive in one burst. */
  staggerMs: number;
  /** The process answers `ready` by then, seated or not (`seatingDeadlineMs`). */
  seatingDeadlineMs: number;
}

/** A bot not seated this long after it started connecting counts as failed. */
export const JOIN_TIMEOUT_MS = 30_000;
/**
 * Bots of one process joining at once, at most. On a busy machine handshakes slow down; a
 * crowd that keeps arriving anyway only makes every one of them time out together.
 */
export const MAX_JOINING = 20;

/**
 * How long a process may take to seat its bots before the run goes on with those seated (and
 * a SEATS warning): on a machine too busy to seat them all, a run with fewer clients says more
 * than no run at all.
 */
export function seatingDeadlineMs(count: number, staggerMs: number): number {
  return 60_000 + count * (staggerMs + 250);
}

export type FleetRequest =
  | { type: 'start'; plan: FleetPlan }
  | { type: 'window-start' }
  | { type: 'window-end' }
  | { type: 'stop' };

/** What one bot process measured over the window. */
export interface BotWindow {
  seconds: number;
  /** Snapshots each of its seated bots received in the window. */
  snapshotsPerBot: number[];
  snapshotBytes: number;
  inputsSent: number;
  ackLatency: Histogram;
  /** CPU time of the whole bot process. */
  cpuSeconds: number;
  /** Share of the window its event loop was busy (0–1). */
  eventLoopUtilization: number;
  /** How late its event loop ran beyond schedule (event-loop-lag.ts). */
  eventLoopLagP99Ms: number;
  eventLoopLagMaxMs: number;
  drops: Record<string, number>;
  errors: Record<string, number>;
}

export type FleetReply =
  | { type: 'ready'; seated: number; failures: string[] }
  | { type: 'window'; window: BotWindow }
  | { type: 'stopped' };

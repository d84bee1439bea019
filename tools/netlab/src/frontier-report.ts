/**
 * The frontier of one profile, measured: the bots' real movement in netlab's run (for the
 * dead-reckoning error) and each client's downlink on the same seeds (for the delay bound),
 * at every extrapolation bound and catch-up rate asked for. `frontier.ts` says what it means.
 */
import {
  LAG_COMP_MAX_REWIND_MS,
  type LinkProfileName,
  LinkProfiles,
} from '@arena/shared/netcode/server';
import { DEFAULT_SIM_CONFIG, type PlayerState } from '@arena/shared/sim';
import { delayLowerBound, reckoningErrorP99, snapshotArrivals } from './frontier.js';
import { runLab } from './run-lab.js';

export interface FrontierOptions {
  profile: LinkProfileName;
  seed: number;
  seconds: number;
  quietSeconds: number;
  players: number;
  horizonsMs: readonly number[];
  catchUpRates: readonly number[];
}

export const DEFAULT_FRONTIER_OPTIONS: FrontierOptions = {
  profile: 'badMobile',
  seed: 1,
  seconds: 180,
  quietSeconds: 60,
  players: 6,
  horizonsMs: [100, 150, 200, 250, 300, 400],
  catchUpRates: [0.2, 0.3, 0.5],
};

export interface FrontierRow {
  horizonMs: number;
  reckoningErrorP99Px: number;
  /** Least mean delay (ms), mean over the clients' links, per catch-up rate (same order). */
  delayLowerBoundMs: number[];
}

/** netlab's warm-up: metrics start 3 s in. */
const FROM_MS = 3000;

export function runFrontier(o: FrontierOptions): FrontierRow[] {
  const config = DEFAULT_SIM_CONFIG;
  const tickMs = 1000 / config.tickRateHz;
  let history: readonly (readonly PlayerState[])[] = [];
  runLab({
    ...o,
    profile: LinkProfiles[o.profile],
    fps: 60,
    snapshotEveryTicks: 1,
    maxRewindMs: LAG_COMP_MAX_REWIND_MS,
    inspect: (server) => (history = server.states),
  });
  // The lab's downlink seeds (run-lab.ts), carrying snapshots alone: fewer packets, fewer stalls.
  const links = Array.from({ length: o.players }, (_, i) =>
    snapshotArrivals(LinkProfiles[o.profile], o.seed * 1000 + (i + 1) * 2 + 1, o.seconds, tickMs),
  );
  const minDelayMs = 2 * tickMs;
  return o.horizonsMs.map((horizonMs) => ({
    horizonMs,
    reckoningErrorP99Px: reckoningErrorP99(history, config, horizonMs, FROM_MS / tickMs),
    delayLowerBoundMs: o.catchUpRates.map((catchUpRate) => {
      const limits = { horizonMs, catchUpRate, minDelayMs };
      const bounds = links.map((arrivals) => delayLowerBound(arrivals, limits, FROM_MS));
      return bounds.reduce((a, b) => a + b, 0) / bounds.length;
    }),
  }));
}

export function formatFrontier(o: FrontierOptions, rows: readonly FrontierRow[]): string {
  const rates = o.catchUpRates.map((r) => `+${(r * 100).toFixed(0)}%`.padStart(7)).join('');
  const lines = [
    `frontier on ${o.profile}: seed ${o.seed}, ${o.seconds} s, ${o.players} links`,
    'extrapolation   dead reckoning   least mean delay (ms) of any render clock',
    `bound (ms)      error p99 (px)   catching up at:${rates}`,
    ...rows.map(
      (r) =>
        `${String(r.horizonMs).padStart(10)}${r.reckoningErrorP99Px.toFixed(0).padStart(17)}` +
        `${''.padStart(18)}${r.delayLowerBoundMs.map((d) => d.toFixed(0).padStart(7)).join('')}`,
    ),
  ];
  return lines.join('\n');
}

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
import { GUESS_NAMES, GUESSES, type GuessName } from './frontier-guesses.js';
import {
  type Arrival,
  delayLowerBound,
  firstOfTwo,
  guessErrorP99,
  snapshotArrivals,
} from './frontier.js';
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
  /** p99 error (px) of each guess `horizonMs` ahead; `held` is the client's dead reckoning. */
  guessErrorP99Px: Record<GuessName, number>;
  /** Least mean delay (ms), mean over the clients' links, per catch-up rate (same order). */
  delayLowerBoundMs: number[];
  /** The same, every snapshot sent on two streams that stall independently. */
  twoStreamsDelayLowerBoundMs: number[];
}

/** netlab's warm-up: metrics start 3 s in. */
const FROM_MS = 3000;

/** The mean over `links` of the least mean delay at each catch-up rate. */
function boundsOver(
  links: readonly Arrival[][],
  o: FrontierOptions,
  horizonMs: number,
  minDelayMs: number,
): number[] {
  return o.catchUpRates.map((catchUpRate) => {
    const limits = { horizonMs, catchUpRate, minDelayMs };
    const bounds = links.map((arrivals) => delayLowerBound(arrivals, limits, FROM_MS));
    return bounds.reduce((a, b) => a + b, 0) / bounds.length;
  });
}

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
  const downlink = (seed: number) =>
    snapshotArrivals(LinkProfiles[o.profile], seed, o.seconds, tickMs);
  const ids = Array.from({ length: o.players }, (_, i) => i + 1);
  const links = ids.map((id) => downlink(o.seed * 1000 + id * 2 + 1));
  // A second stream per client on seeds no lab link uses.
  const twoStreams = ids.map((id, i) => firstOfTwo(links[i]!, downlink(o.seed * 1000 + 500 + id)));
  const minDelayMs = 2 * tickMs;
  const fromTick = FROM_MS / tickMs;
  return o.horizonsMs.map((horizonMs) => ({
    horizonMs,
    guessErrorP99Px: Object.fromEntries(
      GUESS_NAMES.map((name) => [
        name,
        guessErrorP99(history, config, horizonMs, fromTick, GUESSES[name]),
      ]),
    ) as Record<GuessName, number>,
    delayLowerBoundMs: boundsOver(links, o, horizonMs, minDelayMs),
    twoStreamsDelayLowerBoundMs: boundsOver(twoStreams, o, horizonMs, minDelayMs),
  }));
}

export function formatFrontier(o: FrontierOptions, rows: readonly FrontierRow[]): string {
  const cells = (values: readonly number[], width: number) =>
    values.map((v) => v.toFixed(0).padStart(width)).join('');
  const rates = o.catchUpRates.map((r) => `+${(r * 100).toFixed(0)}%`.padStart(7)).join('');
  const guesses = GUESS_NAMES.map((name) => name.padStart(13)).join('');
  const lines = [
    `frontier on ${o.profile}: seed ${o.seed}, ${o.seconds} s, ${o.players} links`,
    'extrapolation  error p99 (px) of each guess that far ahead'.padEnd(
      13 * GUESS_NAMES.length + 15,
    ) + 'least mean delay (ms) of any render clock, catching up at:',
    `bound (ms)   ${guesses}  one stream:${rates}  two streams:${rates}`,
    ...rows.map(
      (r) =>
        `${String(r.horizonMs).padStart(10)}   ` +
        cells(
          GUESS_NAMES.map((name) => r.guessErrorP99Px[name]),
          13,
        ) +
        `${''.padStart(13)}${cells(r.delayLowerBoundMs, 7)}` +
        `${''.padStart(14)}${cells(r.twoStreamsDelayLowerBoundMs, 7)}`,
    ),
  ];
  return lines.join('\n');
}

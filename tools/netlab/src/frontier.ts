/**
 * What no render clock can beat on a link: how close to the present others can be drawn,
 * given how far past the newest snapshot they may be guessed and how fast the clock may catch
 * up. A render clock that extrapolates at most `horizonMs` past the newest snapshot draws
 * others at least `age − horizon` behind the server, where `age` is how old the newest
 * snapshot is; it never runs backwards, so how far behind it draws can grow by at most 1 ms
 * per ms (clock stopped), and it catches up at most `catchUpRate` ms per ms (others drawn
 * `1 + catchUpRate` times as fast as they moved: the remote jump). The smallest "behind" that
 * keeps all three, known in advance for the whole run, is a max of tents over the age curve;
 * its mean, less the fastest transit, is a lower bound on the mean interpolation delay of any
 * such clock, clairvoyant or not. Beside it: how wrong dead reckoning (and other guesses,
 * `frontier-guesses.ts`) is that far ahead, on the bots' real movement, which is what a dry
 * spell that long shows when the truth arrives; and the same bound when every snapshot is sent
 * on two streams, which shows how much of it is one stream's head-of-line blocking.
 */
import { percentile } from '@arena/devkit';
import { type LinkProfile, SimulatedLink } from '@arena/shared/netcode/client';
import type { PlayerState, SimConfig } from '@arena/shared/sim';
import { GUESSES, type Guess } from './frontier-guesses.js';

/** A snapshot's server time and when it arrived (one clock: the link simulator's). */
export interface Arrival {
  serverTimeMs: number;
  atMs: number;
}

export interface ClockLimits {
  horizonMs: number;
  catchUpRate: number;
  /** The least delay any clock keeps (two snapshot intervals). */
  minDelayMs: number;
}

/** The snapshots of `seconds` at `intervalMs` over a link with `profile` and `seed`, alone on it. */
export function snapshotArrivals(
  profile: LinkProfile,
  seed: number,
  seconds: number,
  intervalMs: number,
): Arrival[] {
  const link = new SimulatedLink<number>(profile, seed);
  const arrivals: Arrival[] = [];
  for (let t = 0; t < seconds * 1000; t += intervalMs)
    arrivals.push({ serverTimeMs: t, atMs: link.send(t, t) });
  return arrivals;
}

/**
 * The least mean interpolation delay (ms beyond the fastest transit) over `arrivals`, from
 * `fromMs` on, of any render clock within `limits`, on a 1 ms grid.
 */
export function delayLowerBound(arrivals: readonly Arrival[], limits: ClockLimits, fromMs: number) {
  const fastest = Math.min(...arrivals.map((a) => a.atMs - a.serverTimeMs));
  const endMs = Math.floor(arrivals.at(-1)!.serverTimeMs);
  const behind = new Float64Array(endMs);
  let next = 0;
  let newest = -Infinity;
  for (let t = 0; t < endMs; t++) {
    for (; next < arrivals.length && arrivals[next]!.atMs <= t; next++)
      newest = Math.max(newest, arrivals[next]!.serverTimeMs);
    const age = Number.isFinite(newest) ? t - newest : 0;
    behind[t] = Math.max(fastest + limits.minDelayMs, age - limits.horizonMs);
  }
  // Catching up is slow: after each need, "behind" falls by at most catchUpRate per ms.
  for (let t = 1; t < endMs; t++)
    behind[t] = Math.max(behind[t]!, behind[t - 1]! - limits.catchUpRate);
  // Stopping is the fastest way to fall behind: before each need it rises by at most 1 per ms.
  for (let t = endMs - 2; t >= 0; t--) behind[t] = Math.max(behind[t]!, behind[t + 1]! - 1);
  let total = 0;
  for (let t = fromMs; t < endMs; t++) total += behind[t]! - fastest;
  return total / (endMs - fromMs);
}

/**
 * The same snapshots sent twice, on two streams that stall independently (two connections):
 * each is had when its first copy arrives. `second` must carry the same snapshots.
 */
export function firstOfTwo(first: readonly Arrival[], second: readonly Arrival[]): Arrival[] {
  return first
    .map((a, i) => ({ serverTimeMs: a.serverTimeMs, atMs: Math.min(a.atMs, second[i]!.atMs) }))
    .sort((a, b) => a.atMs - b.atMs);
}

/**
 * p99 distance between a guess `horizonMs` ahead (the client's dead reckoning unless told)
 * and where the player really was, over every player and tick of `history` (states[tick])
 * from `fromTick` on.
 */
export function guessErrorP99(
  history: readonly (readonly PlayerState[])[],
  config: SimConfig,
  horizonMs: number,
  fromTick: number,
  guess: Guess = GUESSES.held,
): number {
  const tickMs = 1000 / config.tickRateHz;
  const ahead = horizonMs / tickMs;
  const whole = Math.floor(ahead);
  const errors: number[] = [];
  for (let tick = fromTick; tick + whole + 1 < history.length; tick++) {
    for (const player of history[tick]!) {
      const guessed = guess(player, horizonMs, config);
      const a = history[tick + whole]!.find((p) => p.id === player.id);
      const b = history[tick + whole + 1]!.find((p) => p.id === player.id);
      if (!a || !b) continue;
      const f = ahead - whole;
      const truth = { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
      errors.push(Math.hypot(guessed.x - truth.x, guessed.y - truth.y));
    }
  }
  return percentile(errors, 0.99);
}

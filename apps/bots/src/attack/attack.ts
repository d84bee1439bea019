/**
 * What every hostile client here is: something that runs against a server for a while and
 * tallies what it saw. The tests run one at a time beside honest players; `npm run attack`
 * runs them in turn for minutes.
 */

export interface AttackTarget {
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  port: number;
  /**
   * The client address to claim in X-Forwarded-For, for a server that trusts loopback as its
   * proxy (TRUST_PROXY=loopback): the attacker then counts as that address, apart from the
   * honest players beside it. Only the attacks aimed at per-address limits use it.
   */
  forwardedFor?: string;
  /** The honest players' room, for the attacks that join it. */
  roomCode?: string;
}

/** Counts by outcome, e.g. `{ connections: 40, refused: 12 }`. */
export type AttackTally = Record<string, number>;

/** Runs against `target` until `durationMs` has passed (and what it started has ended). */
export type Attack = (target: AttackTarget, durationMs: number) => Promise<AttackTally>;

export function count(tally: AttackTally, outcome: string, n = 1): void {
  tally[outcome] = (tally[outcome] ?? 0) + n;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `round` again and again until `durationMs` has passed, at most `parallel` at once. */
export async function repeatFor(
  durationMs: number,
  parallel: number,
  round: () => Promise<void>,
): Promise<void> {
  const endAt = performance.now() + durationMs;
  const lane = async (): Promise<void> => {
    while (performance.now() < endAt) await round();
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}

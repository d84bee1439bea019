/**
 * How long the cluster launcher waits before starting a server process again. A second at
 * first, as systemd would; each time the process ends again soon after it started (it crashes
 * as it starts, or on its first player), the wait doubles, up to half a minute. A crash loop
 * then costs a start and a screen of log every half a minute instead of every second, and the
 * other processes keep their core. A process that ran steadily before it ended starts again a
 * second later, like the first time.
 */

export const FIRST_RESTART_DELAY_MS = 1000;
export const MOST_RESTART_DELAY_MS = 30_000;
/** A process that ran this long before it ended is not in a crash loop. */
export const STEADY_RUN_MS = 30_000;

export class RestartPacing {
  private quickEnds = 0;

  /** A process ran from `startedAtMs` to `endedAtMs`: the wait before its next start, in ms. */
  delayAfter(startedAtMs: number, endedAtMs: number): number {
    if (endedAtMs - startedAtMs >= STEADY_RUN_MS) this.quickEnds = 0;
    this.quickEnds += 1;
    return Math.min(FIRST_RESTART_DELAY_MS * 2 ** (this.quickEnds - 1), MOST_RESTART_DELAY_MS);
  }

  /** Times in a row the process ended within `STEADY_RUN_MS` of its start (the last one too). */
  get endsInARow(): number {
    return this.quickEnds;
  }
}

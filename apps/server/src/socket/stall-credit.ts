/**
 * How much of the server's own stalling a rate limit has not forgiven yet. The event loop's
 * monitor adds up stalls (load/loop-monitor.ts); each limit that forgives them asks here, on
 * its next event, how much is new since it last asked.
 */

/** The longest stall forgiven: past it a client would more likely be dropped by heartbeat. */
export const MAX_FORGIVEN_MS = 10_000;

export class StallCredit {
  private forgivenMs: number;

  /** `stalledMs` reads the total time the event loop has been stalled. */
  constructor(private readonly stalledMs: () => number) {
    this.forgivenMs = stalledMs();
  }

  /** Milliseconds of stall to forgive now (0 if none is new), at most MAX_FORGIVEN_MS. */
  take(): number {
    const stalled = this.stalledMs();
    if (stalled <= this.forgivenMs) return 0;
    const due = Math.min(MAX_FORGIVEN_MS, stalled - this.forgivenMs);
    this.forgivenMs = stalled;
    return due;
  }
}

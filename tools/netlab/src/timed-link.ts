/**
 * A simulated link that also remembers the fastest trip any packet made on it by a deadline.
 * A clock filter brackets the offset between the fastest trip out and the fastest trip back,
 * each one found among its own samples, so the fastest trips of every packet of a client's
 * links, whatever it carried, are what the best such filter could know by then: the clock
 * error that would leave is the bound netlab reports beside the real one.
 */
import { SimulatedLink } from '@arena/shared/netcode/client';

export class TimedLink<T> extends SimulatedLink<T> {
  /** Packets that arrive later than this do not count (set once the client's join is known). */
  deadlineMs = Infinity;
  fastestTripMs = Infinity;

  override send(nowMs: number, payload: T, bytes = 0): number {
    const deliverAtMs = super.send(nowMs, payload, bytes);
    if (deliverAtMs <= this.deadlineMs) {
      this.fastestTripMs = Math.min(this.fastestTripMs, deliverAtMs - nowMs);
    }
    return deliverAtMs;
  }
}

/**
 * The clock error of the bracket between the fastest trip up and the fastest trip down over
 * every link given: its midpoint is off by half their difference.
 */
export function bracketErrorMs(
  up: readonly TimedLink<unknown>[],
  down: readonly TimedLink<unknown>[],
) {
  const fastest = (links: readonly TimedLink<unknown>[]) =>
    Math.min(...links.map((l) => l.fastestTripMs));
  return Math.abs(fastest(up) - fastest(down)) / 2;
}

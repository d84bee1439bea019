/**
 * When each player's recent inputs arrived, so that the tick that runs one can say how long it
 * waited at the server: the input buffer's wait plus the wait for the tick, measured where no
 * client's own delay (its event loop, its network) is part of it. `arena_input_wait_seconds`
 * is the server's share of a player's input-to-acknowledgement time.
 *
 * A ring per player, indexed by seq: an input runs within `MAX_INPUT_BACKLOG_TICKS` plus the
 * buffer of its arrival, far fewer than the ring's size, and an entry is only read for the
 * seq it was written for.
 */
const RING_SIZE = 128;
const RING_MASK = RING_SIZE - 1;

interface Ring {
  readonly seqs: Float64Array;
  readonly arrivedAtMs: Float64Array;
}

export class InputArrivals {
  private readonly rings = new Map<number, Ring>();

  record(playerId: number, seq: number, atMs: number): void {
    let ring = this.rings.get(playerId);
    if (!ring) {
      ring = {
        seqs: new Float64Array(RING_SIZE).fill(-1),
        arrivedAtMs: new Float64Array(RING_SIZE),
      };
      this.rings.set(playerId, ring);
    }
    const at = seq & RING_MASK;
    ring.seqs[at] = seq;
    ring.arrivedAtMs[at] = atMs;
  }

  /** How long ago input `seq` arrived (ms); undefined if it was never recorded here. */
  waitedMs(playerId: number, seq: number, nowMs: number): number | undefined {
    const ring = this.rings.get(playerId);
    const at = seq & RING_MASK;
    if (!ring || ring.seqs[at] !== seq) return undefined;
    return nowMs - ring.arrivedAtMs[at]!;
  }

  forget(playerId: number): void {
    this.rings.delete(playerId);
  }
}

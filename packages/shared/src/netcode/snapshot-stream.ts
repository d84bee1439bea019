/**
 * One connection's snapshots as a client reads them: a decoder of its own, since most frames
 * are deltas against the one before on the same connection, and a keyframe asked for on that
 * connection when a delta does not apply. A `NetClient` reads its main connection's stream,
 * and beside it a snapshot mirror's (a second connection the server sends the same snapshots
 * on, with deltas of its own), using whichever copy of a tick comes first.
 */
import { SnapshotBaseMismatch, SnapshotDecoder } from '../protocol/snapshot-codec.js';
import type { Snapshot } from '../protocol/snapshot.js';
import type { NetPort } from './net-port.js';

/** A delta we cannot apply asks for a keyframe, but not more often than this. */
const RESYNC_INTERVAL_MS = 1000;

export class SnapshotStream {
  private readonly decoder = new SnapshotDecoder();
  private resyncAskedAtMs = -Infinity;

  constructor(
    readonly port: NetPort,
    /** Told about a frame that could not be decoded; it is skipped, the next one is whole. */
    private readonly onUnreadable?: (error: unknown) => void,
  ) {}

  /** The frame's snapshot, or undefined when it cannot be read (a keyframe is asked for). */
  decode(frame: ArrayBuffer | Uint8Array, nowMs: number): Snapshot | undefined {
    try {
      return this.decoder.decode(frame);
    } catch (error) {
      if (error instanceof SnapshotBaseMismatch) this.askForKeyframe(nowMs);
      else this.onUnreadable?.(error);
      return undefined;
    }
  }

  /** A delta on a snapshot we do not hold (we missed the keyframe): ask for a whole one. */
  private askForKeyframe(nowMs: number): void {
    if (!this.port.open || nowMs - this.resyncAskedAtMs < RESYNC_INTERVAL_MS) return;
    this.resyncAskedAtMs = nowMs;
    this.port.send('state:resync', {});
  }
}

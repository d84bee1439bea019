/**
 * One player's pending inputs. The room takes at most one per tick, so sending more inputs
 * than there are ticks never moves anyone faster; a backlog past `maxBacklog` drops its oldest
 * entries, and a `seq` that does not increase (a repeat, or a client going backwards) is
 * refused, so lying about `seq` gains nothing.
 */
import { Button } from '@arena/shared/protocol';

export interface QueuedInput {
  seq: number;
  buttons: number;
  viewTick: number | undefined;
}

export type PushResult = 'queued' | 'stale' | 'overflow';

export class InputQueue {
  private pending: QueuedInput[] = [];
  private lastReceivedSeq = -1;
  /** The last seq applied by a tick: what snapshots acknowledge. */
  ackedSeq = 0;
  /** Buttons repeated when a tick finds no new input (a late packet should not stop you). */
  private heldButtons = 0;
  viewTick: number | undefined;

  constructor(private readonly maxBacklog: number) {}

  push(input: QueuedInput): PushResult {
    if (input.seq <= this.lastReceivedSeq) return 'stale';
    this.lastReceivedSeq = input.seq;
    this.pending.push(input);
    if (this.pending.length <= this.maxBacklog) return 'queued';
    this.pending.shift();
    return 'overflow';
  }

  /** The buttons for this tick: the next queued input, or the held ones repeated. */
  take(): number {
    const next = this.pending.shift();
    if (!next) return this.heldButtons;
    this.ackedSeq = next.seq;
    this.viewTick = next.viewTick;
    // A repeated dash would be a new press after a gap; repeat movement only.
    this.heldButtons = next.buttons & ~Button.Dash;
    return next.buttons;
  }

  /** A new connection starts its own seq count; forget the old one's. */
  reset(): void {
    this.pending = [];
    this.lastReceivedSeq = -1;
    this.ackedSeq = 0;
    this.heldButtons = 0;
    this.viewTick = undefined;
  }

  get backlog(): number {
    return this.pending.length;
  }
}

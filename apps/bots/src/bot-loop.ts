/**
 * How a bot plays, whatever wire its `NetClient` speaks (socket.io to Arena, or the benchmark's
 * raw-WebSocket floor): a seeded random walk at the keys, one netcode frame per tick, and the
 * input-to-acknowledgement latency of every input the server acknowledges.
 *
 * One frame per tick, not per display frame as in a browser: a bot draws nothing, so more
 * frames would only cost CPU, and the netcode sends the same one input per tick either way.
 * The frames keep time as a display does (frame-timer.ts).
 */
import type { NetClient } from '@arena/shared/netcode/client';
import { sampleLatency, type BotStats } from './bot-stats.js';
import { startFrameTimer } from './frame-timer.js';
import { randomWalk } from './random-walk.js';

/** Seqs kept for measuring input-to-acknowledgement latency. */
const PENDING_SEQS = 256;

export class BotLoop {
  private stopFrames: (() => void) | null = null;
  private readonly sentAt = new Map<number, number>();
  private lastAcked = 0;

  constructor(
    private readonly net: NetClient,
    private readonly stats: BotStats,
    private readonly seed: number,
    /** False once the connection is gone: the loop then stops by itself. */
    private readonly isOpen: () => boolean,
  ) {
    net.onSnapshot(() => this.measureAck());
  }

  get playing(): boolean {
    return this.stopFrames !== null;
  }

  start(tickRateHz: number): void {
    if (this.stopFrames) return;
    const press = randomWalk(this.seed);
    this.stopFrames = startFrameTimer(1000 / tickRateHz, () => this.playFrame(press()));
  }

  stop(): void {
    this.stopFrames?.();
    this.stopFrames = null;
  }

  private playFrame(buttons: number): void {
    if (!this.isOpen()) return this.stop();
    const nowMs = performance.now();
    for (const { seq } of this.net.frame(buttons)?.inputs ?? []) {
      this.stats.inputsSent += 1;
      this.sentAt.set(seq, nowMs);
    }
    // Oldest first: a Map keeps insertion order.
    for (const seq of this.sentAt.keys()) {
      if (this.sentAt.size <= PENDING_SEQS) break;
      this.sentAt.delete(seq);
    }
  }

  /** After each snapshot: how long the newest input it acknowledges took. */
  private measureAck(): void {
    const acked = this.net.lastAckedSeq;
    if (acked <= this.lastAcked) return;
    const sentAt = this.sentAt.get(acked);
    if (sentAt !== undefined) sampleLatency(this.stats, performance.now() - sentAt);
    this.lastAcked = acked;
  }
}

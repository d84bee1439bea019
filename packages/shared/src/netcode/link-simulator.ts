/**
 * One direction of a simulated WebSocket: `send(now, payload)` now, `receive(now)` whatever
 * has arrived by then. Latency and jitter are drawn from a seeded generator and time is only
 * ever an argument, so a test or netlab run is the same every time. Delivery keeps order: a
 * packet never overtakes the one before it, which is how a resend turns into a stall and a
 * burst.
 */
import { nextRandom, seedFrom } from '../sim/random.js';
import type { LinkProfile } from './link-profile.js';
import type { TimerClock } from './timer-clock.js';

export interface LinkStats {
  sent: number;
  delivered: number;
  /** Packets that were "lost" and resent (each one stalls the link). */
  stalls: number;
  bytesSent: number;
}

interface InFlight<T> {
  deliverAtMs: number;
  payload: T;
}

export class SimulatedLink<T> {
  private readonly queue: InFlight<T>[] = [];
  private head = 0;
  private lastDeliveryMs = -Infinity;
  private rngState: number;
  readonly stats: LinkStats = { sent: 0, delivered: 0, stalls: 0, bytesSent: 0 };

  constructor(
    readonly profile: LinkProfile,
    seed: number,
  ) {
    this.rngState = seedFrom(seed);
  }

  /** Queues `payload`; returns when it will arrive. `bytes` only feeds the counters. */
  send(nowMs: number, payload: T, bytes = 0): number {
    const { latencyMs, jitterMs, stallPercent, stallMs } = this.profile;
    let delay = latencyMs + (this.random() * 2 - 1) * jitterMs;
    if (stallPercent > 0 && this.random() * 100 < stallPercent) {
      delay += stallMs;
      this.stats.stalls += 1;
    }
    const deliverAtMs = Math.max(nowMs + Math.max(0, delay), this.lastDeliveryMs);
    this.lastDeliveryMs = deliverAtMs;
    this.queue.push({ deliverAtMs, payload });
    this.stats.sent += 1;
    this.stats.bytesSent += bytes;
    return deliverAtMs;
  }

  /** Everything due by `nowMs`, oldest first. */
  receive(nowMs: number): T[] {
    const out: T[] = [];
    while (this.head < this.queue.length && this.queue[this.head]!.deliverAtMs <= nowMs) {
      out.push(this.queue[this.head]!.payload);
      this.head += 1;
    }
    if (this.head > 1024) {
      // Compact now and then, so a long run does not keep every packet ever sent.
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.stats.delivered += out.length;
    return out;
  }

  /** When the next packet arrives, or `undefined` when nothing is in flight. */
  nextDeliveryAtMs(): number | undefined {
    return this.queue[this.head]?.deliverAtMs;
  }

  get inFlight(): number {
    return this.queue.length - this.head;
  }

  private random(): number {
    const r = nextRandom(this.rngState);
    this.rngState = r.state;
    return r.value;
  }
}

/**
 * One direction of a simulated link in real time: `delay(deliver)` calls `deliver` when the
 * link would have delivered it, strictly in the order the calls were delayed. The client's
 * simulated connection and the server's per-socket link both run through it.
 *
 * One queue and one timer: a timer per packet may fire out of order when two due times fall
 * within the same millisecond, which would split a binary event from its attachment.
 * `deliver` must not throw: the callers catch what their handlers throw.
 */
export class LinkDelayer {
  private readonly link: SimulatedLink<() => void>;
  private cancelTimer: (() => void) | null = null;
  private closed = false;

  constructor(
    profile: LinkProfile,
    seed: number,
    private readonly clock: TimerClock,
  ) {
    this.link = new SimulatedLink(profile, seed);
  }

  delay(deliver: () => void): void {
    if (this.closed) return;
    const now = this.clock.now();
    this.link.send(now, deliver);
    if (!this.cancelTimer) this.wakeForNext(now);
  }

  /** Deliveries still waiting in the link. */
  get waiting(): number {
    return this.link.inFlight;
  }

  /** Stops the timer and drops what is in flight, and anything delayed later: the link is gone. */
  close(): void {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.link.receive(Infinity);
  }

  private readonly pump = (): void => {
    this.cancelTimer = null;
    const now = this.clock.now();
    const due = this.link.receive(now);
    try {
      for (const deliver of due) deliver();
    } finally {
      if (!this.cancelTimer) this.wakeForNext(now);
    }
  };

  private wakeForNext(now: number): void {
    const next = this.link.nextDeliveryAtMs();
    if (next !== undefined)
      this.cancelTimer = this.clock.schedule(this.pump, Math.max(0, next - now));
  }
}

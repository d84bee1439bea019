/**
 * What the echo endpoint may cost, on its own budget, apart from the game's: connections in
 * total and per address, messages and bytes a second per connection and for all of them
 * together, and replies waiting to be sent. A connection over its rate is paused (its socket
 * is not read, so the kernel's window fills and TCP slows the sender down: a flood costs the
 * server nothing), and one that runs far over, or does not read its replies, is closed.
 */
import { TokenBucket } from '../socket/token-bucket.js';

export const ECHO_MAX_MESSAGE_BYTES = 64 * 1024;

/** Per connection: a demo page sends a handful; 50 a second is a lot of typing. */
export const ECHO_MESSAGES = { capacity: 100, perSecond: 50 };
/** Per connection: four of the largest messages at once, two a second after that. */
export const ECHO_BYTES = {
  capacity: 4 * ECHO_MAX_MESSAGE_BYTES,
  perSecond: 2 * ECHO_MAX_MESSAGE_BYTES,
};
/**
 * All echo connections together: a few hundred microseconds of the event loop a second at
 * most, so that no number of echo clients can move the game's tick.
 */
export const ECHO_TOTAL_MESSAGES = { capacity: 2000, perSecond: 1000 };
export const ECHO_TOTAL_BYTES = { capacity: 8 * 1024 * 1024, perSecond: 4 * 1024 * 1024 };
/** Replies a connection may leave unread before it is closed. */
export const ECHO_MAX_UNSENT_BYTES = 256 * 1024;
/** Seconds of its own rate a connection may run ahead of it before it is closed, not paused. */
export const ECHO_MAX_DEBT_SECONDS = 10;

export interface EchoCharge {
  /** How long to pause this connection (0: go on). */
  pauseMs: number;
  /** True when the connection ran so far over its rate that it is closed instead. */
  flooding: boolean;
}

/** The buckets every echo connection draws on together. */
export class EchoBudget {
  readonly messages: TokenBucket;
  readonly bytes: TokenBucket;

  constructor(nowMs: number) {
    this.messages = new TokenBucket(
      ECHO_TOTAL_MESSAGES.capacity,
      ECHO_TOTAL_MESSAGES.perSecond,
      nowMs,
    );
    this.bytes = new TokenBucket(ECHO_TOTAL_BYTES.capacity, ECHO_TOTAL_BYTES.perSecond, nowMs);
  }
}

/** One connection's rate, drawn on together with the shared budget. */
export class EchoRate {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(
    private readonly shared: EchoBudget,
    nowMs: number,
  ) {
    this.messages = new TokenBucket(ECHO_MESSAGES.capacity, ECHO_MESSAGES.perSecond, nowMs);
    this.bytes = new TokenBucket(ECHO_BYTES.capacity, ECHO_BYTES.perSecond, nowMs);
  }

  /** Charges one message of `size` bytes; says how long to pause before reading more. */
  charge(nowMs: number, size: number): EchoCharge {
    const debt = -ECHO_MAX_DEBT_SECONDS * ECHO_MESSAGES.perSecond;
    const flooding = this.messages.spend(nowMs, 1) < debt;
    this.bytes.spend(nowMs, size);
    this.shared.messages.spend(nowMs, 1);
    this.shared.bytes.spend(nowMs, size);
    return { pauseMs: this.pauseMs(nowMs), flooding };
  }

  /** How long until every bucket this connection draws on is out of debt. */
  pauseMs(nowMs: number): number {
    return Math.max(
      this.messages.msUntil(nowMs, 0),
      this.bytes.msUntil(nowMs, 0),
      this.shared.messages.msUntil(nowMs, 0),
      this.shared.bytes.msUntil(nowMs, 0),
    );
  }
}

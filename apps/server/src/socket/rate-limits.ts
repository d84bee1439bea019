/**
 * Per-socket limits for each kind of event. Inputs are sized from the tick rate (one per tick,
 * with room for the burst that follows a network stall); chat and room operations are much
 * tighter. Limits belong to one socket: nobody else ever pays for a flood.
 *
 * The server's own stalls are forgiven. While the event loop is stalled (a long GC pause, a
 * starved CPU, a stopped process), an honest client keeps sending at its pace and the server
 * reads nothing; when it wakes up it reads all of that at once. Sizing every bucket for the
 * longest stall would let floods through, so instead each socket's buckets are credited with
 * the stall's worth of refill (up to 10 s, see stall-credit.ts) as soon as the socket's next event shows
 * that the loop was stalled: the burst goes through, and the limits hold as before after it.
 *
 * The link's stalls are forgiven the same way. A mobile network that holds a connection's
 * packets back for a second or two, or a client whose own transport queued its writes while
 * its page was busy, delivers everything it held at once after a silence. A socket silent for
 * longer than its input burst lasts is credited with the silence's worth of refill (up to the
 * same 10 s): over any stretch of time, no socket gets more than the sustained rate.
 */
import type { ClientEventName } from '@arena/shared/protocol';
import { MAX_FORGIVEN_MS, StallCredit } from './stall-credit.js';
import { TokenBucket } from './token-bucket.js';

export const EventKind = {
  Input: 'input',
  Chat: 'chat',
  Room: 'room',
  Lobby: 'lobby',
  Ping: 'ping',
  Resync: 'resync',
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

export const KIND_OF: Record<ClientEventName, EventKind> = {
  'player:input': EventKind.Input,
  'chat:send': EventKind.Chat,
  'room:create': EventKind.Room,
  'room:join': EventKind.Room,
  'room:quickplay': EventKind.Room,
  'room:leave': EventKind.Room,
  'lobby:subscribe': EventKind.Lobby,
  'lobby:unsubscribe': EventKind.Lobby,
  'time:ping': EventKind.Ping,
  'state:resync': EventKind.Resync,
};

export interface LimitSpec {
  capacity: number;
  perSecond: number;
}

export function limitSpecs(tickRateHz: number): Record<EventKind, LimitSpec> {
  return {
    // A second's worth of inputs may arrive at once after a stall; sustained, 1.5× the tick rate.
    [EventKind.Input]: { capacity: tickRateHz, perSecond: tickRateHz * 1.5 },
    [EventKind.Chat]: { capacity: 5, perSecond: 0.5 },
    [EventKind.Room]: { capacity: 6, perSecond: 0.5 },
    [EventKind.Lobby]: { capacity: 6, perSecond: 1 },
    // ClockSync pings once per tick for its first 2.5 s (75 pings), then once per second.
    [EventKind.Ping]: { capacity: 80, perSecond: 2 },
    // A client asks for a keyframe at most once a second, and only after it missed one.
    [EventKind.Resync]: { capacity: 3, perSecond: 1 },
  };
}

/**
 * How much misbehaviour (refused or invalid events) a socket may show before it is cut off.
 * It refills, so a client that errs now and then is never disconnected.
 */
export const PATIENCE: LimitSpec = { capacity: 100, perSecond: 5 };

/** A socket silent this long (a full input bucket's worth of ticks) may have been held back. */
export const SILENCE_CREDIT_AFTER_MS = 1000;

/**
 * The most packets an honest client can have waiting out a simulated lag of `delayMs`: every
 * limit's burst plus that long's refill, twice over. Waiting packets are not yet rate-limited,
 * so a client past this is flooding, and is cut off as its packets arrive.
 */
export function maxWaitingPackets(tickRateHz: number, delayMs: number): number {
  let total = 0;
  for (const spec of Object.values(limitSpecs(tickRateHz)))
    total += spec.capacity + (spec.perSecond * delayMs) / 1000;
  return Math.ceil(total * 2);
}

export class SocketLimits {
  private readonly buckets: Record<EventKind, TokenBucket>;
  /** The inputs' bucket, read straight: 30 inputs a second to every other event's few. */
  private readonly inputs: TokenBucket;
  /** The same buckets as a list: credited on every stall and silence, without a new array. */
  private readonly bucketList: readonly TokenBucket[];
  private readonly patience: TokenBucket;
  private readonly lastWarnedMs = new Map<EventKind, number>();
  private readonly stalls: StallCredit;
  private lastEventMs: number;

  /**
   * `stalledMs` reads the total time the server's event loop has been stalled (see
   * load/loop-monitor.ts); none by default, as in unit tests on a manual clock.
   */
  constructor(tickRateHz: number, nowMs: number, stalledMs: () => number = () => 0) {
    this.stalls = new StallCredit(stalledMs);
    this.lastEventMs = nowMs;
    const specs = limitSpecs(tickRateHz);
    this.buckets = Object.fromEntries(
      Object.entries(specs).map(([kind, s]) => [
        kind,
        new TokenBucket(s.capacity, s.perSecond, nowMs),
      ]),
    ) as Record<EventKind, TokenBucket>;
    this.bucketList = Object.values(this.buckets);
    this.inputs = this.buckets[EventKind.Input];
    this.patience = new TokenBucket(PATIENCE.capacity, PATIENCE.perSecond, nowMs);
  }

  /** True if the event may go through. */
  allow(event: ClientEventName, nowMs: number): boolean {
    this.forgiveStalls(nowMs);
    this.forgiveSilence(nowMs);
    const bucket = event === 'player:input' ? this.inputs : this.buckets[KIND_OF[event]];
    return bucket.take(nowMs);
  }

  /** Records one refused or invalid event; false once the socket has used up its patience. */
  strike(nowMs: number): boolean {
    this.forgiveStalls(nowMs);
    return this.patience.take(nowMs);
  }

  /** Credits every bucket with the server's stalls since the last time it looked. */
  private forgiveStalls(nowMs: number): void {
    const creditMs = this.stalls.take();
    if (creditMs === 0) return;
    for (const bucket of this.bucketList) bucket.credit(nowMs, creditMs);
    this.patience.credit(nowMs, creditMs);
  }

  /** After a silence, what the link may have held back arrives at once: credit the silence. */
  private forgiveSilence(nowMs: number): void {
    const silentMs = nowMs - this.lastEventMs;
    this.lastEventMs = Math.max(this.lastEventMs, nowMs);
    if (silentMs < SILENCE_CREDIT_AFTER_MS) return;
    const creditMs = Math.min(MAX_FORGIVEN_MS, silentMs);
    for (const bucket of this.bucketList) bucket.credit(nowMs, creditMs);
  }

  /** Rate-limit errors are sent at most every 250 ms per kind, so a flood is not echoed back. */
  shouldWarn(event: ClientEventName, nowMs: number): boolean {
    const kind = KIND_OF[event];
    const last = this.lastWarnedMs.get(kind) ?? -Infinity;
    if (nowMs - last < 250) return false;
    this.lastWarnedMs.set(kind, nowMs);
    return true;
  }
}

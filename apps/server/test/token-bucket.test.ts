/** Token buckets and the per-socket limits built from them, on a clock passed by hand. */
import { describe, expect, it } from 'vitest';
import {
  limitSpecs,
  maxWaitingPackets,
  PATIENCE,
  SocketLimits,
} from '../src/socket/rate-limits.js';
import { TokenBucket } from '../src/socket/token-bucket.js';

function takeAll(bucket: TokenBucket, nowMs: number): number {
  let taken = 0;
  while (bucket.take(nowMs)) taken += 1;
  return taken;
}

describe('TokenBucket', () => {
  it('allows a burst of its capacity, then refills at its rate, never above capacity', () => {
    const bucket = new TokenBucket(5, 2, 0);
    expect(takeAll(bucket, 0)).toBe(5);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(1000)).toBe(true);
    expect(takeAll(bucket, 1000)).toBe(1);
    // An hour idle refills to the capacity, not to 7,200.
    expect(takeAll(bucket, 3_601_000)).toBe(5);
  });

  it('takes a credit past its capacity, without credits piling up', () => {
    const bucket = new TokenBucket(5, 2, 0);
    bucket.credit(0, 1000);
    expect(takeAll(bucket, 0)).toBe(7);
    bucket.credit(0, 1000);
    bucket.credit(0, 1000);
    expect(takeAll(bucket, 0)).toBe(4);
  });

  it('charges a cost of several tokens only when it has them all', () => {
    const bucket = new TokenBucket(3, 1, 0);
    expect(bucket.take(0, 2)).toBe(true);
    expect(bucket.take(0, 2)).toBe(false);
    expect(bucket.take(0, 1)).toBe(true);
  });
});

describe('SocketLimits', () => {
  it('limits each kind of event on its own bucket', () => {
    const limits = new SocketLimits(30, 0);
    let chats = 0;
    while (limits.allow('chat:send', 0)) chats += 1;
    expect(chats).toBe(limitSpecs(30).chat.capacity);
    // Chat is used up; inputs are not.
    expect(limits.allow('player:input', 0)).toBe(true);
    expect(limits.allow('chat:send', 2000)).toBe(true);
  });

  it('sizes inputs from the tick rate: a second of them at once', () => {
    const limits = new SocketLimits(60, 0);
    let inputs = 0;
    while (limits.allow('player:input', 0)) inputs += 1;
    expect(inputs).toBe(60);
  });

  it('runs out of patience after its capacity of strikes, and regains it over time', () => {
    const limits = new SocketLimits(30, 0);
    for (let i = 0; i < PATIENCE.capacity; i++) expect(limits.strike(0)).toBe(true);
    expect(limits.strike(0)).toBe(false);
    expect(limits.strike(1000)).toBe(true);
  });

  it("forgives the burst that follows the server's own stall, once", () => {
    let stalledMs = 0;
    const limits = new SocketLimits(30, 0, () => stalledMs);
    const inputs = (nowMs: number) => {
      let n = 0;
      while (limits.allow('player:input', nowMs)) n += 1;
      return n;
    };
    expect(inputs(0)).toBe(30);
    // The loop was stalled for 2 s: the client's 60 inputs of those 2 s arrive at once.
    stalledMs = 2000;
    expect(inputs(2000)).toBeGreaterThanOrEqual(30 + 60);
    // The same stall is not forgiven twice.
    expect(inputs(2000)).toBe(0);
  });

  it('lets through what a stalled link held back, and no more than the sustained rate', () => {
    const limits = new SocketLimits(30, 0);
    const inputs = (nowMs: number) => {
      let n = 0;
      while (limits.allow('player:input', nowMs)) n += 1;
      return n;
    };
    expect(inputs(0)).toBe(30);
    // The link held the socket's inputs back for 2 s: 60 arrive at once, and all go through.
    expect(inputs(2000)).toBeGreaterThanOrEqual(60);
    // Right after, the sustained rate again (1.5 × the tick rate), nothing more.
    expect(inputs(2100)).toBe(4);
    // Silences never add up past 10 s: a flooder gains nothing by pausing.
    expect(inputs(62_100)).toBe(30 + 450);
  });

  it('warns about a flood at most every 250 ms per kind', () => {
    const limits = new SocketLimits(30, 0);
    expect(limits.shouldWarn('chat:send', 1000)).toBe(true);
    expect(limits.shouldWarn('chat:send', 1100)).toBe(false);
    expect(limits.shouldWarn('player:input', 1100)).toBe(true);
    expect(limits.shouldWarn('chat:send', 1250)).toBe(true);
  });

  it('lets more packets wait behind a longer simulated lag', () => {
    const still = maxWaitingPackets(30, 0);
    expect(still).toBeGreaterThan(0);
    expect(maxWaitingPackets(30, 2000)).toBeGreaterThan(still);
  });
});

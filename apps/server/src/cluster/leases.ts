/**
 * The leases this process holds: one per room it runs (and per room code it keeps in reserve
 * for rooms about to be made). Each is renewed in Redis every quarter of its length, all in
 * one script call; a lease this process may still act on is one whose last renewal was sent
 * less than its length ago, minus a margin for clocks that run at slightly different rates.
 * Redis cannot have expired it by then, so no other process can hold it: a room whose lease
 * lapses here (Redis unreachable, the process stalled) stops ticking before anyone else may
 * start it.
 */
import type { ClusterKeys } from './keys.js';
import { acquireLease, forgetRoom, releaseLease, renewLeases } from './lease-scripts.js';
import type { RedisLink } from './redis-link.js';

export interface Lease {
  readonly code: string;
  /** `"<process> <epoch>"`, as stored in Redis. */
  readonly value: string;
  /** This owner's place in the room's line of owners: its fencing token. */
  readonly epoch: number;
  /** Until when (this process's monotonic clock, ms) it may act as the room's owner. */
  validUntilMs: number;
}

export interface LeaseKeeperOptions {
  redis: RedisLink;
  keys: ClusterKeys;
  processId: string;
  ttlMs: number;
  now: () => number;
  /** Another process holds this lease now: the room is no longer ours. */
  onLost: (code: string) => void;
}

export class LeaseKeeper {
  private readonly held = new Map<string, Lease>();
  private readonly marginMs: number;

  constructor(private readonly options: LeaseKeeperOptions) {
    this.marginMs = Math.max(50, options.ttlMs / 10);
  }

  get size(): number {
    return this.held.size;
  }

  get(code: string): Lease | undefined {
    return this.held.get(code);
  }

  /** Whether this process may act as the owner of `code` now. */
  valid(code: string): boolean {
    const lease = this.held.get(code);
    return lease !== undefined && this.options.now() < lease.validUntilMs;
  }

  /** Takes the lease if nobody holds it; undefined if somebody does. */
  async acquire(code: string): Promise<Lease | undefined> {
    const { redis, keys, processId, ttlMs, now } = this.options;
    const sentAt = now();
    const epoch = (await acquireLease.run(
      redis.command,
      [keys.lease(code), keys.epoch(code), keys.deadlines],
      [processId, String(ttlMs), code],
    )) as number | null;
    if (epoch === null) return undefined;
    const lease = { code, value: `${processId} ${epoch}`, epoch, validUntilMs: 0 };
    lease.validUntilMs = sentAt + ttlMs - this.marginMs;
    this.held.set(code, lease);
    return lease;
  }

  /** Renews every lease held; those another process holds now are dropped and reported. */
  async renew(): Promise<void> {
    const leases = [...this.held.values()];
    if (leases.length === 0) return;
    const { redis, keys, ttlMs, now } = this.options;
    const sentAt = now();
    const keyList = [keys.deadlines];
    const args = [String(ttlMs)];
    for (const { code, value, epoch } of leases) {
      keyList.push(keys.lease(code), keys.epoch(code));
      args.push(code, value, String(epoch));
    }
    const lost = new Set((await renewLeases.run(redis.command, keyList, args)) as string[]);
    for (const lease of leases) {
      if (this.held.get(lease.code) !== lease) continue;
      if (lost.has(lease.code)) {
        this.held.delete(lease.code);
        this.options.onLost(lease.code);
      } else lease.validUntilMs = sentAt + ttlMs - this.marginMs;
    }
  }

  /** Gives the room up for another process to take over at once (this one is stopping). */
  async release(code: string): Promise<void> {
    const lease = this.held.get(code);
    if (!lease) return;
    this.held.delete(code);
    const { redis, keys } = this.options;
    await releaseLease.run(redis.command, [keys.lease(code), keys.deadlines], [lease.value, code]);
  }

  /** The room ended for good: its lease, checkpoint and lobby entry go. */
  async forget(code: string): Promise<void> {
    const lease = this.held.get(code);
    if (!lease) return;
    this.held.delete(code);
    const { redis, keys } = this.options;
    await forgetRoom.run(
      redis.command,
      [keys.lease(code), keys.epoch(code), keys.checkpoint(code), keys.deadlines, keys.lobby],
      [lease.value, code],
    );
  }

  /** Stops acting on a lease without a word to Redis (it is already someone else's). */
  drop(code: string): void {
    this.held.delete(code);
  }
}

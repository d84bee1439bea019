/**
 * One token bucket per client address, for limits an address must not escape by opening more
 * connections (new connections, room creation, wrong room codes). A bucket that has refilled
 * is forgotten, so the table holds only the addresses that were busy lately.
 */
import type { LimitSpec } from './rate-limits.js';
import { TokenBucket } from './token-bucket.js';

/** How often (in takes) the full buckets are swept out. */
const SWEEP_EVERY = 256;

export class AddressBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private takes = 0;

  constructor(
    private readonly spec: LimitSpec,
    private readonly now: () => number,
  ) {}

  /** Takes a token for `address`; false when it has none left. */
  take(address: string): boolean {
    if (++this.takes % SWEEP_EVERY === 0) this.sweep();
    return this.bucketOf(address).take(this.now());
  }

  /** True when `address` has a token left, without taking it. */
  has(address: string): boolean {
    return (this.buckets.get(address)?.level(this.now()) ?? this.spec.capacity) >= 1;
  }

  /** Addresses remembered: those whose bucket has not refilled yet (at most, until a sweep). */
  get size(): number {
    this.sweep();
    return this.buckets.size;
  }

  private bucketOf(address: string): TokenBucket {
    let bucket = this.buckets.get(address);
    if (!bucket) {
      bucket = new TokenBucket(this.spec.capacity, this.spec.perSecond, this.now());
      this.buckets.set(address, bucket);
    }
    return bucket;
  }

  private sweep(): void {
    const now = this.now();
    for (const [address, bucket] of this.buckets)
      if (bucket.isFull(now)) this.buckets.delete(address);
  }
}

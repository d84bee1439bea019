/** A token bucket: `capacity` events at once, refilled at `perSecond`. Clock injected. */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.lastMs = nowMs;
  }

  take(nowMs: number, cost = 1): boolean {
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((nowMs - this.lastMs) / 1000) * this.perSecond,
    );
    this.lastMs = nowMs;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

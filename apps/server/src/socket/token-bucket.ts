/**
 * A token bucket: `capacity` events at once, refilled at `perSecond`. Clock injected.
 *
 * A bucket may be credited beyond its capacity for a while: after the server itself stalled,
 * the events an honest client sent meanwhile arrive at once, and the credit (the stall's
 * worth of refill) lets them through. Refill never tops a credited bucket up further; spending
 * brings it back down to the capacity, where it stays.
 */
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
    this.refill(nowMs);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Takes `cost` even when the bucket cannot pay it, into debt; the tokens left (< 0 in debt). */
  spend(nowMs: number, cost = 1): number {
    this.refill(nowMs);
    this.tokens -= cost;
    return this.tokens;
  }

  /** Tokens now; negative while in debt. */
  level(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens;
  }

  /** Milliseconds until the bucket holds `tokens` again (0 if it does). */
  msUntil(nowMs: number, tokens: number): number {
    this.refill(nowMs);
    return this.tokens >= tokens ? 0 : ((tokens - this.tokens) / this.perSecond) * 1000;
  }

  /** True when it is full: it then remembers nothing a fresh bucket would not. */
  isFull(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= this.capacity;
  }

  /**
   * Adds `ms` worth of refill, even past the capacity: a stall that was not the client's
   * doing. Credits do not pile up: the bucket holds at most its capacity plus the latest one.
   */
  credit(nowMs: number, ms: number): void {
    this.refill(nowMs);
    const extra = (ms / 1000) * this.perSecond;
    this.tokens = Math.max(this.tokens, Math.min(this.tokens + extra, this.capacity + extra));
  }

  private refill(nowMs: number): void {
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.lastMs = Math.max(this.lastMs, nowMs);
    if (this.tokens >= this.capacity) return;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs / 1000) * this.perSecond);
  }
}

/** Values with a timestamp, kept for the last `windowMs`: rates, sums and percentiles for the HUD. */
export class RollingWindow {
  private times: number[] = [];
  private values: number[] = [];

  constructor(readonly windowMs: number) {}

  add(nowMs: number, value = 1): void {
    this.times.push(nowMs);
    this.values.push(value);
    this.trim(nowMs);
  }

  private trim(nowMs: number): void {
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! <= nowMs - this.windowMs) drop += 1;
    if (drop > 0) {
      this.times.splice(0, drop);
      this.values.splice(0, drop);
    }
  }

  count(nowMs: number): number {
    this.trim(nowMs);
    return this.values.length;
  }

  sum(nowMs: number): number {
    this.trim(nowMs);
    return this.values.reduce((a, b) => a + b, 0);
  }

  /** Events (or summed values) per second over the window. */
  ratePerSecond(nowMs: number): number {
    return (this.sum(nowMs) * 1000) / this.windowMs;
  }

  countPerSecond(nowMs: number): number {
    return (this.count(nowMs) * 1000) / this.windowMs;
  }

  mean(nowMs: number): number {
    const n = this.count(nowMs);
    return n === 0 ? 0 : this.sum(nowMs) / n;
  }

  max(nowMs: number): number {
    this.trim(nowMs);
    return this.values.length === 0 ? 0 : Math.max(...this.values);
  }
}

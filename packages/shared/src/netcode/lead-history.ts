/**
 * How early a player's inputs arrived over the last few seconds (their leads: ticks until
 * each input's slot was spent), kept in a ring of fixed size so that nothing is allocated per
 * input. The input slots read it about once a second to tell a clean link, whose inputs arrive
 * with the same lead each time, from a jittery one, whose leads spread over several ticks.
 */
export class LeadHistory {
  /**
   * Leads plus `dropped` at the time. Float64: a lying seq can skip billions of slots, and a
   * 32-bit sum would wrap and garble every lead after it.
   */
  private readonly leads: Float64Array;
  private next = 0;
  private count = 0;
  /**
   * Slots dropped since the oldest lead was recorded: a drop makes every input already queued
   * that much less early. Stored leads stay as they were measured, and `range`/`newest`
   * take the drops off, so a drop costs nothing here.
   */
  private dropped = 0;

  constructor(readonly capacity: number) {
    this.leads = new Float64Array(capacity);
  }

  push(lead: number): void {
    this.leads[this.next] = lead + this.dropped;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
  }

  /** Slots were dropped: every lead recorded so far is that much shorter now. */
  drop(slots: number): void {
    this.dropped += slots;
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
    this.dropped = 0;
  }

  /** Leads held: those recorded since the last clear, at most `capacity`. */
  get size(): number {
    return this.count;
  }

  /** The lead recorded `back` places before the newest (0: the newest), drops taken off. */
  newest(back: number): number {
    const at = (this.next - 1 - back + 2 * this.capacity) % this.capacity;
    return this.leads[at]! - this.dropped;
  }

  /** True once a whole window of leads has been recorded since the last clear. */
  get full(): boolean {
    return this.count === this.capacity;
  }

  /** The smallest lead and how far the leads spread (largest minus smallest), in one pass. */
  range(): { smallest: number; spread: number } {
    let smallest = Infinity;
    let largest = -Infinity;
    for (let i = 0; i < this.count; i++) {
      const lead = this.leads[i]!;
      if (lead < smallest) smallest = lead;
      if (lead > largest) largest = lead;
    }
    if (this.count === 0) return { smallest: 0, spread: 0 };
    return { smallest: smallest - this.dropped, spread: largest - smallest };
  }
}

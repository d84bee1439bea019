/**
 * How early a player's newest inputs arrived (their leads: ticks until each one's slot is
 * spent), for the input slots' ways of trimming a buffer deeper than the link needs. Each
 * mark counts how many of the newest leads in a row reach it, kept as inputs arrive, so that
 * a tick can ask "did the last `n` inputs all arrive this early?" without scanning them. A
 * ring of fixed size: nothing is allocated or moved per input.
 */
export class EarlyLeads {
  /** Leads as measured plus `dropped` at the time (so a drop need not rewrite them). */
  private readonly leads: Float64Array;
  private next = 0;
  private count = 0;
  /** Slots dropped or run early since the last clear: every stored lead is that much less. */
  private dropped = 0;
  /** Leads pushed since the last late input: no run reaches back past it. */
  private sinceLate = 0;
  /** For each mark, how many of the newest leads in a row reach it. */
  private readonly runs: number[];

  constructor(
    /** The most leads kept: the longest run any mark is asked about. */
    readonly capacity: number,
    private readonly marks: readonly number[],
  ) {
    this.leads = new Float64Array(capacity);
    this.runs = marks.map(() => 0);
  }

  push(lead: number): void {
    this.leads[this.next] = lead + this.dropped;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
    this.sinceLate += 1;
    for (let i = 0; i < this.marks.length; i++) {
      this.runs[i] = lead >= this.marks[i]! ? this.runs[i]! + 1 : 0;
    }
  }

  /** An input came after its slot: however early the others were, no run reaches any mark. */
  late(): void {
    this.sinceLate = 0;
    this.runs.fill(0);
  }

  /** Whether the newest `inputs` leads (and no late input among them) all reach mark `markIndex`. */
  allReach(markIndex: number, inputs: number): boolean {
    return this.runs[markIndex]! >= inputs;
  }

  /** The smallest of the newest `inputs` leads (Infinity when there are none). */
  smallest(inputs: number): number {
    let smallest = Infinity;
    for (let back = 0; back < Math.min(inputs, this.count); back++) {
      smallest = Math.min(smallest, this.newest(back));
    }
    return smallest;
  }

  /** Slots were dropped or run early: every input already here is `slots` less early. */
  shorten(slots: number): void {
    this.dropped += slots;
    const reach = Math.min(this.count, this.sinceLate);
    for (let i = 0; i < this.marks.length; i++) {
      let run = 0;
      while (run < reach && this.newest(run) >= this.marks[i]!) run++;
      this.runs[i] = run;
    }
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
    this.dropped = 0;
    this.sinceLate = 0;
    this.runs.fill(0);
  }

  /** The lead `back` places before the newest (0: the newest), as it stands now. */
  private newest(back: number): number {
    const at = (this.next - 1 - back + 2 * this.capacity) % this.capacity;
    return this.leads[at]! - this.dropped;
  }
}

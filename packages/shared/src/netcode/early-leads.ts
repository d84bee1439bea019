/**
 * How early a player's newest inputs arrived (their leads: ticks until each one's slot is
 * spent), for the input slots' ways of trimming a buffer deeper than the link needs. Each
 * mark counts how many of the newest leads in a row reach it, kept as inputs arrive, so that
 * a tick can ask "did the last `n` inputs all arrive this early?" without scanning them. The
 * leads themselves are a `LeadHistory` ring: nothing is allocated or moved per input.
 */
import { LeadHistory } from './lead-history.js';

export class EarlyLeads {
  private readonly history: LeadHistory;
  /** Leads pushed since the last late input: no run reaches back past it. */
  private sinceLate = 0;
  /** For each mark, how many of the newest leads in a row reach it. */
  private readonly runs: number[];

  constructor(
    /** The most leads kept: the longest run any mark is asked about. */
    capacity: number,
    private readonly marks: readonly number[],
  ) {
    this.history = new LeadHistory(capacity);
    this.runs = marks.map(() => 0);
  }

  push(lead: number): void {
    this.history.push(lead);
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
    for (let back = 0; back < Math.min(inputs, this.history.size); back++) {
      smallest = Math.min(smallest, this.history.newest(back));
    }
    return smallest;
  }

  /** Slots were dropped or run early: every input already here is `slots` less early. */
  shorten(slots: number): void {
    this.history.drop(slots);
    const reach = Math.min(this.history.size, this.sinceLate);
    for (let i = 0; i < this.marks.length; i++) {
      let run = 0;
      while (run < reach && this.history.newest(run) >= this.marks[i]!) run++;
      this.runs[i] = run;
    }
  }

  clear(): void {
    this.history.clear();
    this.sinceLate = 0;
    this.runs.fill(0);
  }
}

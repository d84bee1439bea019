/**
 * The inputs waiting for their slots (`InputSlots`), in a ring indexed by seq. The slots keep
 * every queued seq within `maxBacklog` of the next slot (an input further ahead drops the
 * oldest slots first), so a ring of the next power of two above that never holds two live
 * seqs in one place. Each entry remembers its seq: a place left over from an older seq reads
 * as empty.
 *
 * A Map did the same, and cost the server a hash lookup, an object and now and then a rehash
 * for each of the 30 inputs a second of every player, with as many again to take them.
 */
const EMPTY = -1;
/** A backlog of 2¹⁶ slots is half an hour at 30 Hz: anything near it is a mistake. */
const MAX_SPAN = 2 ** 16;

export class QueuedInputs {
  private readonly mask: number;
  private readonly seqs: Float64Array;
  private readonly buttonsAt: Uint8Array;
  /** NaN: the input said no view tick. */
  private readonly viewTicks: Float64Array;
  private readonly viewAheadMsAt: Float64Array;
  /** When each input arrived (the caller's clock), for how long it waited. */
  private readonly arrivedAt: Float64Array;

  /** Room for `span` consecutive seqs at least. */
  constructor(span: number) {
    if (!Number.isInteger(span) || span < 1 || span > MAX_SPAN)
      throw new RangeError(`a ring of queued inputs spans 1 to ${MAX_SPAN} seqs, not ${span}`);
    let size = 1;
    while (size < span) size *= 2;
    this.mask = size - 1;
    this.seqs = new Float64Array(size).fill(EMPTY);
    this.buttonsAt = new Uint8Array(size);
    this.viewTicks = new Float64Array(size);
    this.viewAheadMsAt = new Float64Array(size);
    this.arrivedAt = new Float64Array(size);
  }

  /** Seqs beyond 2³¹ keep their low bits through `&`: a lying client's seq still lands. */
  private at(seq: number): number {
    return seq & this.mask;
  }

  has(seq: number): boolean {
    return this.seqs[this.at(seq)] === seq;
  }

  set(
    seq: number,
    buttons: number,
    viewTick: number | undefined,
    viewAheadMs: number,
    arrivedAtMs: number,
  ): void {
    const at = this.at(seq);
    this.seqs[at] = seq;
    this.buttonsAt[at] = buttons;
    this.viewTicks[at] = viewTick ?? NaN;
    this.viewAheadMsAt[at] = viewAheadMs;
    this.arrivedAt[at] = arrivedAtMs;
  }

  /** Input `seq`'s buttons; -1 when it is not here. */
  buttons(seq: number): number {
    const at = this.at(seq);
    return this.seqs[at] === seq ? this.buttonsAt[at]! : EMPTY;
  }

  /** Input `seq`'s view tick (undefined: it sent none); only for a seq that is here. */
  viewTick(seq: number): number | undefined {
    const tick = this.viewTicks[this.at(seq)]!;
    return Number.isNaN(tick) ? undefined : tick;
  }

  viewAheadMs(seq: number): number {
    return this.viewAheadMsAt[this.at(seq)]!;
  }

  arrivedAtMs(seq: number): number {
    return this.arrivedAt[this.at(seq)]!;
  }

  delete(seq: number): void {
    const at = this.at(seq);
    if (this.seqs[at] === seq) this.seqs[at] = EMPTY;
  }

  /** Forgets every input before `seq`: the ring's places, never the range (it may be vast). */
  deleteBefore(seq: number): void {
    const seqs = this.seqs;
    for (let at = 0; at < seqs.length; at++) if (seqs[at]! < seq) seqs[at] = EMPTY;
  }

  clear(): void {
    this.seqs.fill(EMPTY);
  }
}

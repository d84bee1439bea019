/**
 * The server's half of the snapshot stream: one `encode` per room per snapshot interval reads
 * the room's world as it is and writes one delta against the previous snapshot, the same bytes
 * for every member that holds that one; a keyframe (the whole state) is written only when a
 * member needs one. It keeps the state it last sent as wire integers and reuses its arrays, so
 * a steady room encodes without garbage beyond the bytes it hands out. Layout: docs/PROTOCOL.md §7.
 */
import {
  COLUMNS,
  COLUMN_COUNT,
  ACKED_SEQ_COLUMN,
  CONNECTED_COLUMN,
  toWire,
} from './snapshot-columns.js';
import { columnResidual, deltaFlags, timeGuess16 } from './snapshot-delta.js';
import type { EncodedSnapshot, SnapshotSource } from './snapshot.js';
import { PHASES, SnapshotKind, TIME_SCALE, WireState } from './snapshot-state.js';
import { ByteWriter } from './wire-bytes.js';
import { POSITION_SCALE } from '../sim/quantize.js';
import type { CoinState } from '../sim/world.js';

const COIN_MAX = 0xffff;
const coinWire = (value: number) =>
  Math.min(COIN_MAX, Math.max(0, Math.round(value * POSITION_SCALE) || 0));

/** One encode's result; its keyframe is asked of the encoder (a method, not a closure a tick). */
class EncodedTick implements EncodedSnapshot {
  constructor(
    private readonly encoder: SnapshotEncoder,
    readonly tick: number,
    readonly baseTick: number | undefined,
    readonly delta: Uint8Array | undefined,
  ) {}

  keyframe(): Uint8Array {
    return this.encoder.keyframeOf(this.tick);
  }
}

export class SnapshotEncoder {
  private state = new WireState();
  private started = false;
  private readonly writer = new ByteWriter();
  /** This encode's players: ids, rows and change masks (0: nothing to send). */
  private nextIds: number[] = [];
  private nextRows: number[][] = [];
  private readonly masks: number[] = [];
  private readonly isNew: boolean[] = [];
  private keyframeBytes: Uint8Array | undefined;

  constructor(tickRateHz: number) {
    this.state.tickRateHz = Math.max(1, Math.min(255, Math.round(tickRateHz)));
  }

  /** The snapshot of `source` at `serverTimeMs`; its `keyframe()` is valid until the next call. */
  encode(source: SnapshotSource, serverTimeMs: number): EncodedSnapshot {
    const time16 = Math.round(serverTimeMs * TIME_SCALE) || 0;
    const previous = this.state;
    const fresh = !this.started || source.tick <= previous.tick;
    const baseTick = fresh ? undefined : previous.tick;
    this.readPlayers(source);
    const delta = fresh ? undefined : this.writeDelta(source, time16);
    this.commit(source, time16);
    this.started = true;
    this.keyframeBytes = undefined;
    return new EncodedTick(this, source.tick, baseTick, delta);
  }

  /** The keyframe of the last encode, tick `tick`; written once, on the first call. */
  keyframeOf(tick: number): Uint8Array {
    if (this.state.tick !== tick)
      throw new Error(`keyframe of tick ${tick} asked after the next encode`);
    if (!this.keyframeBytes) {
      this.state.writeKeyframe(this.writer.reset());
      this.keyframeBytes = this.writer.copy();
    }
    return this.keyframeBytes;
  }

  /** The source's players as wire rows, into the scratch arrays (reused, never shrunk). */
  private readPlayers(source: SnapshotSource): void {
    const { players } = source;
    this.nextIds.length = players.length;
    for (let i = 0; i < players.length; i++) {
      const p = players[i]!;
      const row = (this.nextRows[i] ??= new Array<number>(COLUMN_COUNT).fill(0));
      for (let c = 0; c < CONNECTED_COLUMN; c++) {
        const col = COLUMNS[c]!;
        row[c] = toWire(col, p[col.name as keyof typeof p]);
      }
      row[CONNECTED_COLUMN] = source.connected(p.id) ? 1 : 0;
      row[ACKED_SEQ_COLUMN] = toWire(COLUMNS[ACKED_SEQ_COLUMN]!, source.ackedSeq(p.id));
      this.nextIds[i] = p.id;
    }
  }

  private writeDelta(source: SnapshotSource, time16: number): Uint8Array {
    const prev = this.state;
    const ticks = source.tick - prev.tick;
    const counts = this.comparePlayers(ticks);
    const round = source.round;
    const phase = PHASES.indexOf(round.phase);
    const roundChanged =
      round.number !== prev.roundNumber ||
      phase !== prev.phase ||
      round.ticksLeft !== prev.ticksLeft - ticks;
    const coins = this.compareCoins(source.coins);
    const w = this.writer.reset();
    w.u8(SnapshotKind.Delta);
    w.varint(prev.tick);
    w.varint(ticks);
    w.svarint(time16 - timeGuess16(prev.time16, ticks, prev.tickRateHz));
    w.u8(
      deltaFlags(
        roundChanged,
        counts.left,
        counts.joined,
        counts.changed,
        coins.removed,
        coins.added,
      ),
    );
    if (roundChanged) {
      w.varint(round.number);
      w.u8(phase);
      w.varint(round.ticksLeft);
    }
    if (counts.left > 0) this.writeLeft(counts.left);
    if (counts.joined > 0) this.writeJoined(counts.joined);
    if (counts.changed > 0) this.writeChanged(counts.changed, ticks);
    if (coins.removed > 0) this.writeCoinsRemoved(source.coins, coins.removed);
    if (coins.added > 0) this.writeCoinsAdded(source.coins, coins.added);
    return w.copy();
  }

  /** Marks each next player as new or changed (its mask), and counts who left. */
  private comparePlayers(ticks: number): { left: number; joined: number; changed: number } {
    const prev = this.state;
    let p = 0;
    let left = 0;
    let joined = 0;
    let changed = 0;
    for (let i = 0; i < this.nextIds.length; i++) {
      const id = this.nextIds[i]!;
      while (p < prev.ids.length && prev.ids[p]! < id) {
        p++;
        left++;
      }
      const known = p < prev.ids.length && prev.ids[p] === id;
      this.isNew[i] = !known;
      this.masks[i] = known ? this.maskOf(prev.rows[p++]!, this.nextRows[i]!, ticks) : 0;
      if (!known) joined++;
      else if (this.masks[i] !== 0) changed++;
    }
    left += prev.ids.length - p;
    return { left, joined, changed };
  }

  private maskOf(before: readonly number[], after: readonly number[], ticks: number): number {
    let mask = 0;
    const rate = this.state.tickRateHz;
    for (let c = 0; c < COLUMN_COUNT; c++) {
      if (columnResidual(c, before, after, ticks, rate) !== 0) mask += 2 ** c;
    }
    return mask;
  }

  private writeLeft(count: number): void {
    const w = this.writer;
    w.varint(count);
    let previousId = 0;
    for (const id of this.state.ids) {
      if (this.nextIds.includes(id)) continue;
      w.varint(id - previousId);
      previousId = id;
    }
  }

  private writeJoined(count: number): void {
    const w = this.writer;
    w.varint(count);
    let previousId = 0;
    for (let i = 0; i < this.nextIds.length; i++) {
      if (!this.isNew[i]) continue;
      w.varint(this.nextIds[i]! - previousId);
      previousId = this.nextIds[i]!;
      const row = this.nextRows[i]!;
      for (let c = 0; c < COLUMN_COUNT; c++) {
        if (COLUMNS[c]!.min < 0) w.svarint(row[c]!);
        else w.varint(row[c]!);
      }
    }
  }

  private writeChanged(count: number, ticks: number): void {
    const w = this.writer;
    const prev = this.state;
    const rate = prev.tickRateHz;
    w.varint(count);
    let previousId = 0;
    let p = 0;
    for (let i = 0; i < this.nextIds.length; i++) {
      const id = this.nextIds[i]!;
      while (prev.ids[p]! < id) p++;
      if (this.isNew[i]) continue;
      const before = prev.rows[p]!;
      if (this.masks[i] === 0) continue;
      w.varint(id - previousId);
      previousId = id;
      w.varint(this.masks[i]!);
      const after = this.nextRows[i]!;
      for (let c = 0; c < COLUMN_COUNT; c++) {
        const residual = columnResidual(c, before, after, ticks, rate);
        if (residual !== 0) w.svarint(residual);
      }
    }
  }

  private compareCoins(coins: readonly CoinState[]): { removed: number; added: number } {
    let removed = 0;
    let added = 0;
    for (let i = 0; i < this.state.coinIds.length; i++) if (!this.coinStays(i, coins)) removed++;
    for (const coin of coins) if (!this.coinKnown(coin)) added++;
    return { removed, added };
  }

  /** Whether the coin held at index `i` is still there, unmoved. */
  private coinStays(i: number, coins: readonly CoinState[]): boolean {
    for (const coin of coins) if (this.sameCoin(coin, i)) return true;
    return false;
  }

  /** Whether the encoder already holds this coin where it is. */
  private coinKnown(coin: CoinState): boolean {
    for (let i = 0; i < this.state.coinIds.length; i++) if (this.sameCoin(coin, i)) return true;
    return false;
  }

  private sameCoin(coin: CoinState, i: number): boolean {
    const s = this.state;
    return (
      coin.id === s.coinIds[i] && coinWire(coin.x) === s.coinX[i] && coinWire(coin.y) === s.coinY[i]
    );
  }

  private writeCoinsRemoved(coins: readonly CoinState[], count: number): void {
    this.writer.varint(count);
    for (let i = 0; i < this.state.coinIds.length; i++) {
      if (!this.coinStays(i, coins)) this.writer.varint(this.state.coinIds[i]!);
    }
  }

  private writeCoinsAdded(coins: readonly CoinState[], count: number): void {
    this.writer.varint(count);
    for (const coin of coins) {
      if (this.coinKnown(coin)) continue;
      this.writer.varint(coin.id);
      this.writer.varint(coinWire(coin.x));
      this.writer.varint(coinWire(coin.y));
    }
  }

  /** What was just encoded becomes the base of the next delta. */
  private commit(source: SnapshotSource, time16: number): void {
    const s = this.state;
    [s.ids, this.nextIds] = [this.nextIds, s.ids];
    [s.rows, this.nextRows] = [this.nextRows, s.rows];
    s.rows.length = s.ids.length;
    s.tick = source.tick;
    s.time16 = time16;
    s.roundNumber = source.round.number;
    s.phase = PHASES.indexOf(source.round.phase);
    s.ticksLeft = source.round.ticksLeft;
    const { coins } = source;
    s.coinIds.length = s.coinX.length = s.coinY.length = coins.length;
    for (let i = 0; i < coins.length; i++) {
      s.coinIds[i] = coins[i]!.id;
      s.coinX[i] = coinWire(coins[i]!.x);
      s.coinY[i] = coinWire(coins[i]!.y);
    }
  }
}

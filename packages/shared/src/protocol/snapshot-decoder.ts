/**
 * The client's half of the snapshot stream: one decoder per connection reads every
 * `state:snapshot` frame in order. A keyframe replaces its state; a delta applies to it only
 * if it was made against exactly the tick the decoder holds, otherwise it is refused with
 * `SnapshotBaseMismatch` and the state is kept (ask for a keyframe with `state:resync`, or
 * wait for one). Nothing but a `SnapshotDecodeError` ever escapes, and a frame that fails
 * half-way changes nothing. Layout: docs/PROTOCOL.md §7.
 */
import { COLUMNS, COLUMN_COUNT, predictColumn } from './snapshot-columns.js';
import { DeltaFlag, KNOWN_DELTA_FLAGS, MAX_RESIDUAL, timeGuess16 } from './snapshot-delta.js';
import type { Snapshot } from './snapshot.js';
import {
  MAX_ID,
  SnapshotDecodeError,
  SnapshotKind,
  TIME_SCALE,
  WireState,
  readRow,
} from './snapshot-state.js';
import { ByteReader, ByteWriter, bytesOf } from './wire-bytes.js';

/** A delta made against a snapshot this decoder does not hold: it waits for a keyframe. */
export class SnapshotBaseMismatch extends SnapshotDecodeError {
  override name = 'SnapshotBaseMismatch';
}

const MAX_TICK = 0xffff_ffff;
const MAX_TIME16 = 2 ** 44 * TIME_SCALE;
const ALL_COLUMNS_MASK = 2 ** COLUMN_COUNT - 1;

export class SnapshotDecoder {
  private state: WireState | undefined;

  /** The tick of the state held, if any. */
  get tick(): number | undefined {
    return this.state?.tick;
  }

  decode(frame: unknown): Snapshot {
    const r = new ByteReader(bytesOf(frame, SnapshotDecodeError), SnapshotDecodeError);
    const kind = r.u8();
    let next: WireState;
    if (kind === SnapshotKind.Keyframe) next = WireState.readKeyframe(r);
    else if (kind === SnapshotKind.Delta) next = this.readDelta(r);
    else return r.fail('not a snapshot frame');
    this.state = next;
    return next.toSnapshot();
  }

  /** The state held, as a keyframe: what a relay hands a member that joins mid-stream. */
  keyframe(): Uint8Array | undefined {
    if (!this.state) return undefined;
    const writer = new ByteWriter();
    this.state.writeKeyframe(writer);
    return writer.copy();
  }

  /** Forgets the state: until the next keyframe, every delta is a mismatch. */
  reset(): void {
    this.state = undefined;
  }

  private readDelta(r: ByteReader): WireState {
    const baseTick = r.varint(MAX_TICK);
    const prev = this.state;
    if (prev?.tick !== baseTick) {
      throw new SnapshotBaseMismatch(`delta on tick ${baseTick}, held ${prev?.tick ?? 'none'}`);
    }
    const ticks = r.varint(MAX_TICK);
    if (ticks === 0 || baseTick + ticks > MAX_TICK) r.fail('bad tick step');
    const next = prev.clone();
    next.tick = baseTick + ticks;
    next.time16 = timeGuess16(prev.time16, ticks, prev.tickRateHz) + r.svarint(MAX_RESIDUAL);
    if (Math.abs(next.time16) > MAX_TIME16) r.fail('server time out of range');
    const flags = r.u8();
    if ((flags & ~KNOWN_DELTA_FLAGS) !== 0) r.fail('unknown delta section');
    if (flags & DeltaFlag.Round) next.readRound(r);
    else if ((next.ticksLeft -= ticks) < 0) r.fail('round ticks left below 0');
    if (flags & DeltaFlag.PlayersLeft) readLeft(r, next);
    const joined = flags & DeltaFlag.PlayersJoined ? readJoined(r, next) : NONE_JOINED;
    const residuals =
      flags & DeltaFlag.PlayersChanged ? readResiduals(r, next, joined) : NO_RESIDUALS;
    advancePlayers(r, next, joined, residuals, ticks);
    if (flags & DeltaFlag.CoinsRemoved) readCoinsRemoved(r, next);
    if (flags & DeltaFlag.CoinsAdded) {
      const count = atLeastOne(r);
      for (let i = 0; i < count; i++) next.addCoin(r);
    }
    r.end();
    return next;
  }
}

function atLeastOne(r: ByteReader): number {
  const count = r.count();
  if (count === 0) r.fail('empty delta section');
  return count;
}

/** Reads a section's ascending ids, each as its gap from the one before (the first from 0). */
function readIds(r: ByteReader, count: number, each: (id: number) => void): void {
  let id = 0;
  for (let i = 0; i < count; i++) {
    const gap = r.varint(MAX_ID);
    if (gap === 0 || id + gap > MAX_ID) r.fail('player ids must ascend within 1…65535');
    id += gap;
    each(id);
  }
}

function indexOfPlayer(r: ByteReader, s: WireState, id: number): number {
  const index = s.ids.indexOf(id);
  if (index < 0) r.fail(`no player ${id} to change`);
  return index;
}

function readLeft(r: ByteReader, s: WireState): void {
  readIds(r, atLeastOne(r), (id) => {
    const index = indexOfPlayer(r, s, id);
    s.ids.splice(index, 1);
    s.rows.splice(index, 1);
  });
}

const NONE_JOINED: ReadonlySet<number> = new Set();
const NO_RESIDUALS: ReadonlyMap<number, number[]> = new Map();

/** Players that appear in this delta, whole; returns their ids. */
function readJoined(r: ByteReader, s: WireState): Set<number> {
  const joined = new Set<number>();
  readIds(r, atLeastOne(r), (id) => {
    if (s.ids.includes(id)) r.fail(`player ${id} joined twice`);
    let index = s.ids.findIndex((other) => other > id);
    if (index < 0) index = s.ids.length;
    s.ids.splice(index, 0, id);
    s.rows.splice(index, 0, readRow(r));
    joined.add(id);
  });
  return joined;
}

/** The changed players' residuals by id (0 for the columns their mask leaves out). */
function readResiduals(
  r: ByteReader,
  s: WireState,
  joined: ReadonlySet<number>,
): Map<number, number[]> {
  const residuals = new Map<number, number[]>();
  readIds(r, atLeastOne(r), (id) => {
    indexOfPlayer(r, s, id);
    if (joined.has(id)) r.fail(`player ${id} joined and changed at once`);
    const mask = r.varint(ALL_COLUMNS_MASK);
    if (mask === 0) r.fail('empty change mask');
    const row = new Array<number>(COLUMN_COUNT);
    for (let c = 0; c < COLUMN_COUNT; c++) {
      row[c] = Math.floor(mask / 2 ** c) % 2 === 1 ? r.svarint(MAX_RESIDUAL) : 0;
    }
    residuals.set(id, row);
  });
  return residuals;
}

/**
 * Every player who was there before moves on by the guess (a steady one travels at no cost),
 * plus what its changed entry says.
 */
function advancePlayers(
  r: ByteReader,
  s: WireState,
  joined: ReadonlySet<number>,
  residuals: ReadonlyMap<number, number[]>,
  ticks: number,
): void {
  for (let i = 0; i < s.ids.length; i++) {
    if (joined.has(s.ids[i]!)) continue;
    const before = s.rows[i]!;
    const residual = residuals.get(s.ids[i]!);
    const after = new Array<number>(COLUMN_COUNT);
    for (let c = 0; c < COLUMN_COUNT; c++) {
      after[c] = predictColumn(c, before, after, ticks, s.tickRateHz) + (residual?.[c] ?? 0);
      const col = COLUMNS[c]!;
      if (after[c]! < col.min || after[c]! > col.max) r.fail(`${col.name} out of range`);
    }
    s.rows[i] = after;
  }
}

function readCoinsRemoved(r: ByteReader, s: WireState): void {
  const count = atLeastOne(r);
  for (let i = 0; i < count; i++) {
    const index = s.coinIds.indexOf(r.varint(MAX_ID));
    if (index < 0) r.fail('no such coin to remove');
    s.coinIds.splice(index, 1);
    s.coinX.splice(index, 1);
    s.coinY.splice(index, 1);
  }
}

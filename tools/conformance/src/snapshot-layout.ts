/**
 * The `state:snapshot` stream read the way docs/PROTOCOL.md §7 lays it out, byte by byte: a
 * keyframe (the whole state), then deltas against the state held, each player a row of ten
 * integers that a delta guesses from the row before and corrects by residuals. One reader per
 * connection, fed every snapshot in order. Written from the page alone, on purpose: it checks
 * the page, not the codec.
 */
import { Snapshot as Layout, type ColumnName } from './protocol-facts.js';
import { WireReader, divRoundHalfUp } from './wire-reader.js';

export interface WirePlayer {
  id: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
  score: number;
  connected: boolean;
}

export interface WireSnapshot {
  kind: 'keyframe' | 'delta';
  /** The frame's own size in bytes. */
  byteLength: number;
  tick: number;
  serverTimeMs: number;
  round: number;
  phase: number;
  ticksLeft: number;
  players: WirePlayer[];
  coins: { id: number; x: number; y: number }[];
  /** Column 9 of each player's row, in player order. */
  acks: { playerId: number; seq: number }[];
}

export class LayoutError extends Error {
  override name = 'LayoutError';
}

/** A delta on a tick the reader does not hold: the client should send `state:resync`. */
export class BaseMismatch extends LayoutError {
  override name = 'BaseMismatch';
}

const { columns } = Layout;
type Row = number[];
/** Each column's place in a row, by its name: a column added to the page moves none of these. */
const at = Object.fromEntries(columns.map((column, c) => [column.name, c])) as Record<
  ColumnName,
  number
>;
/** A change's mask has a bit per column, and at least one set. */
const MASK_MAX = 2 ** columns.length - 1;

/** What a stream holds between frames: wire integers, as the page defines them. */
interface Held {
  rate: number;
  tick: number;
  time16: number;
  round: number;
  phase: number;
  ticksLeft: number;
  rows: Map<number, Row>;
  coins: Map<number, [number, number]>;
}

function readRow(r: WireReader): Row {
  return columns.map((column) => r.ranged(column.min < 0 ? r.svarint() : r.varint(), column));
}

/** n, then n ids as gaps from the one before (§7, Numbers); a delta's sections are never empty. */
function readIds<T>(r: WireReader, read: (id: number) => T, emptyAllowed = false): T[] {
  const n = r.varint();
  if (n < 1 && !emptyAllowed) throw new LayoutError('an empty section');
  let id = 0;
  return Array.from({ length: n }, () => {
    const gap = r.varint();
    if (gap < 1) throw new LayoutError('ids do not ascend');
    return read((id += gap));
  });
}

function nonEmpty(n: number): number {
  if (n < 1) throw new LayoutError('an empty section');
  return n;
}

function readCoins(r: WireReader, into: Map<number, [number, number]>, count: number) {
  for (let i = 0; i < count; i++) {
    const id = r.varint();
    if (id < 1 || id > 0xffff || into.has(id)) throw new LayoutError(`coin ${id} out of place`);
    into.set(id, [r.ranged(r.varint(), [0, 0xffff]), r.ranged(r.varint(), [0, 0xffff])]);
  }
}

/** The guesses of §7 for a row `ticks` ticks after `base`, with the new velocities known. */
function guess(base: Row, ticks: number, rate: number, c: number, row: Row): number {
  const column = columns[c]!;
  const b = base[c]!;
  if (column.guess === 'countdown') return Math.max(0, b - ticks);
  if (column.guess === 'advance') return b === 0 ? 0 : b + ticks;
  const velocity = 'velocity' in column ? column.velocity : undefined;
  if (velocity) return b + divRoundHalfUp(row[at[velocity]]! * ticks, rate);
  return b;
}

function readKeyframe(r: WireReader): Held {
  const version = r.u8();
  if (version !== Layout.codecVersion) throw new LayoutError(`codec version ${version}`);
  const rate = r.ranged(r.u8(), [1, 255]);
  const tick = r.varint();
  const time16 = r.f64() * 16;
  const round = r.varint();
  const phase = r.ranged(r.u8(), [0, 1]);
  const ticksLeft = r.varint();
  const rows = new Map(readIds(r, (id) => [id, readRow(r)] as const, true));
  const coins = new Map<number, [number, number]>();
  readCoins(r, coins, r.varint());
  return { rate, tick, time16, round, phase, ticksLeft, rows, coins };
}

function applyDelta(r: WireReader, held: Held | undefined): Held {
  const baseTick = r.varint();
  if (!held || held.tick !== baseTick)
    throw new BaseMismatch(`a delta on tick ${baseTick}, holding ${held?.tick ?? 'nothing'}`);
  const ticks = r.varint();
  if (ticks < 1) throw new LayoutError('a delta of 0 ticks');
  const time16 = held.time16 + divRoundHalfUp(ticks * 16000, held.rate) + r.svarint();
  const sections = r.u8();
  if (sections >> 6) throw new LayoutError(`unknown section bits ${sections}`);
  const next: Held = { ...held, tick: baseTick + ticks, time16, coins: new Map(held.coins) };
  if (sections & 1)
    [next.round, next.phase, next.ticksLeft] = [r.varint(), r.ranged(r.u8(), [0, 1]), r.varint()];
  else next.ticksLeft = Math.max(0, held.ticksLeft - ticks);
  const left = sections & 2 ? new Set(readIds(r, (id) => id)) : new Set<number>();
  const rows = new Map<number, Row>();
  for (const [id, base] of held.rows) {
    if (left.delete(id)) continue;
    const row: Row = [];
    for (let c = 0; c < columns.length; c++) row[c] = guess(base, ticks, held.rate, c, row);
    rows.set(id, row);
  }
  if (left.size > 0) throw new LayoutError('a player left that was not there');
  if (sections & 4)
    for (const [id, row] of readIds(r, (id) => [id, readRow(r)] as const)) {
      if (rows.has(id)) throw new LayoutError(`player ${id} joined twice`);
      rows.set(id, row);
    }
  if (sections & 8) readIds(r, (id) => changeRow(r, rows.get(id), id, held, ticks));
  if (sections & 16)
    for (const id of readIds(r, (id) => id))
      if (!next.coins.delete(id)) throw new LayoutError(`coin ${id} removed but not there`);
  if (sections & 32) readCoins(r, next.coins, nonEmpty(r.varint()));
  next.rows = new Map([...rows].sort(([a], [b]) => a - b));
  return next;
}

/** Residuals on the guessed row, lowest mask bit first; velocities first, as they come. */
function changeRow(r: WireReader, row: Row | undefined, id: number, held: Held, ticks: number) {
  if (!row) throw new LayoutError(`player ${id} changed but is not there`);
  const mask = r.varint();
  if (mask < 1 || mask > MASK_MAX) throw new LayoutError(`mask ${mask}`);
  const base = held.rows.get(id)!;
  for (let c = 0; c < columns.length; c++) {
    const residual = mask & (1 << c) ? r.svarint() : 0;
    // Positions are guessed again from the velocities just read; the rest were guessed above.
    const integrated = columns[c]!.guess === 'integrate';
    const guessed = integrated ? guess(base, ticks, held.rate, c, row) : row[c]!;
    row[c] = r.ranged(guessed + residual, columns[c]!);
  }
}

export class SnapshotReader {
  private held: Held | undefined;

  /** One frame of the stream; the state held is kept as it was when the frame is refused. */
  read(bytes: Uint8Array): WireSnapshot {
    const r = new WireReader(bytes, (message) => new LayoutError(message));
    const kind = r.u8();
    let next: Held;
    if (kind === Layout.keyframe) next = readKeyframe(r);
    else if (kind === Layout.delta) next = applyDelta(r, this.held);
    else throw new LayoutError(`kind byte 0x${kind.toString(16)}`);
    if (!r.done) throw new LayoutError('bytes after the last section');
    this.held = next;
    return view(next, kind === Layout.keyframe ? 'keyframe' : 'delta', bytes.byteLength);
  }
}

function view(held: Held, kind: WireSnapshot['kind'], byteLength: number): WireSnapshot {
  const scale = Layout.fixedPointScale;
  const players = [...held.rows].map(([id, row]) => ({
    id,
    vx: row[at.vx]! / scale,
    vy: row[at.vy]! / scale,
    x: row[at.x]! / scale,
    y: row[at.y]! / scale,
    score: row[at.score]!,
    connected: row[at.connected] === 1,
  }));
  return {
    kind,
    byteLength,
    tick: held.tick,
    serverTimeMs: held.time16 / 16,
    round: held.round,
    phase: held.phase,
    ticksLeft: held.ticksLeft,
    players,
    coins: [...held.coins].map(([id, [x, y]]) => ({ id, x: x / scale, y: y / scale })),
    acks: [...held.rows].map(([playerId, row]) => ({ playerId, seq: row[at.ack]! })),
  };
}

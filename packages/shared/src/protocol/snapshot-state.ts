/**
 * A room's state as the snapshot stream carries it: wire integers, the same on both ends.
 * The encoder keeps the state it last sent, a decoder the state it last read; a delta turns
 * one into the next, and a keyframe (written and read here) is the whole of it. The layout is
 * in docs/PROTOCOL.md §7.
 */
import { POSITION_SCALE } from '../sim/quantize.js';
import { RoundPhase } from '../sim/world.js';
import { COLUMNS, COLUMN_COUNT, ACKED_SEQ_COLUMN, CONNECTED_COLUMN } from './snapshot-columns.js';
import type { Snapshot, SnapshotPlayer } from './snapshot.js';
import type { ByteReader, ByteWriter } from './wire-bytes.js';
import { WireDecodeError } from './wire-bytes.js';

export const SNAPSHOT_CODEC_VERSION = 2;
/** The first byte of a snapshot frame: which kind it is. */
export const SnapshotKind = { Keyframe: 0x4b, Delta: 0x44 } as const; // 'K', 'D'
export const PHASES = [RoundPhase.Playing, RoundPhase.Intermission] as const;
/** Server time travels in sixteenths of a millisecond. */
export const TIME_SCALE = 16;
export const MAX_ID = 0xffff;
/** Coin positions: sixteenths of a pixel, 0 … 65535, like a player's. */
export const COIN_MAX = 0xffff;
/** Largest absolute server time accepted, so every sum of sixteenths stays exact. */
const MAX_TIME_MS = 2 ** 44;

export class SnapshotDecodeError extends WireDecodeError {
  override name = 'SnapshotDecodeError';
}

export class WireState {
  tickRateHz = 0;
  tick = 0;
  /** Server time of `tick` in sixteenths of a ms. */
  time16 = 0;
  roundNumber = 0;
  /** Index in `PHASES`. */
  phase = 0;
  ticksLeft = 0;
  /** Player ids, ascending, and each one's row of wire integers (`COLUMNS`). */
  ids: number[] = [];
  rows: number[][] = [];
  /** Coins in the order the world holds them. */
  coinIds: number[] = [];
  coinX: number[] = [];
  coinY: number[] = [];

  clone(): WireState {
    const copy = new WireState();
    Object.assign(copy, this);
    copy.ids = this.ids.slice();
    copy.rows = this.rows.map((row) => row.slice());
    copy.coinIds = this.coinIds.slice();
    copy.coinX = this.coinX.slice();
    copy.coinY = this.coinY.slice();
    return copy;
  }

  /** The state as the rest of the client reads it (fresh objects, plain numbers). */
  toSnapshot(): Snapshot {
    const players: SnapshotPlayer[] = this.ids.map((id, i) => {
      const row = this.rows[i]!;
      const player: Record<string, number | boolean> = { id };
      for (let c = 0; c < CONNECTED_COLUMN; c++)
        player[COLUMNS[c]!.name] = row[c]! / COLUMNS[c]!.scale;
      player.connected = row[CONNECTED_COLUMN] === 1;
      return player as unknown as SnapshotPlayer;
    });
    return {
      tick: this.tick,
      serverTimeMs: this.time16 / TIME_SCALE,
      round: { number: this.roundNumber, phase: PHASES[this.phase]!, ticksLeft: this.ticksLeft },
      players,
      coins: this.coinIds.map((id, i) => ({
        id,
        x: this.coinX[i]! / POSITION_SCALE,
        y: this.coinY[i]! / POSITION_SCALE,
      })),
      acks: this.ids.map((playerId, i) => ({ playerId, seq: this.rows[i]![ACKED_SEQ_COLUMN]! })),
    };
  }

  writeKeyframe(w: ByteWriter): void {
    w.u8(SnapshotKind.Keyframe);
    w.u8(SNAPSHOT_CODEC_VERSION);
    w.u8(this.tickRateHz);
    w.varint(this.tick);
    w.f64(this.time16 / TIME_SCALE);
    w.varint(this.roundNumber);
    w.u8(this.phase);
    w.varint(this.ticksLeft);
    w.varint(this.ids.length);
    let previousId = 0;
    for (let i = 0; i < this.ids.length; i++) {
      w.varint(this.ids[i]! - previousId);
      previousId = this.ids[i]!;
      writeRow(w, this.rows[i]!);
    }
    w.varint(this.coinIds.length);
    for (let i = 0; i < this.coinIds.length; i++) {
      w.varint(this.coinIds[i]!);
      w.varint(this.coinX[i]!);
      w.varint(this.coinY[i]!);
    }
  }

  /** Reads a keyframe whose kind byte has been read already. */
  static readKeyframe(r: ByteReader): WireState {
    const version = r.u8();
    if (version !== SNAPSHOT_CODEC_VERSION)
      r.fail(`snapshot codec version ${version} is not supported`);
    const s = new WireState();
    s.tickRateHz = r.u8();
    if (s.tickRateHz === 0) r.fail('tick rate 0');
    s.tick = r.varint();
    const timeMs = r.f64();
    if (!(Math.abs(timeMs) <= MAX_TIME_MS) || !Number.isInteger(timeMs * TIME_SCALE)) {
      r.fail('server time off the wire grid');
    }
    s.time16 = timeMs * TIME_SCALE;
    s.readRound(r);
    const players = r.count();
    for (let i = 0; i < players; i++) {
      const id = (s.ids.at(-1) ?? 0) + r.varint(MAX_ID);
      if (id === (s.ids.at(-1) ?? 0) || id > MAX_ID)
        r.fail('player ids must ascend within 1…65535');
      s.ids.push(id);
      s.rows.push(readRow(r));
    }
    const coins = r.count();
    for (let i = 0; i < coins; i++) s.addCoin(r);
    r.end();
    return s;
  }

  readRound(r: ByteReader): void {
    this.roundNumber = r.varint();
    this.phase = r.u8();
    if (this.phase >= PHASES.length) r.fail('unknown round phase');
    this.ticksLeft = r.varint();
  }

  /** Reads one coin (id, x, y) and appends it; its id must be new. */
  addCoin(r: ByteReader): void {
    const id = r.varint(MAX_ID);
    if (id === 0 || this.coinIds.includes(id)) r.fail(`bad coin id ${id}`);
    this.coinIds.push(id);
    this.coinX.push(r.varint(COIN_MAX));
    this.coinY.push(r.varint(COIN_MAX));
  }
}

/** A whole row, absolute: zigzag for the columns that can be negative. */
export function writeRow(w: ByteWriter, row: readonly number[]): void {
  for (let c = 0; c < COLUMN_COUNT; c++) {
    if (COLUMNS[c]!.min < 0) w.svarint(row[c]!);
    else w.varint(row[c]!);
  }
}

export function readRow(r: ByteReader): number[] {
  const row = new Array<number>(COLUMN_COUNT);
  for (let c = 0; c < COLUMN_COUNT; c++) {
    const col = COLUMNS[c]!;
    row[c] = col.min < 0 ? r.svarint(-col.min) : r.varint(col.max);
    if (row[c]! < col.min || row[c]! > col.max) r.fail(`${col.name} out of range`);
  }
  return row;
}

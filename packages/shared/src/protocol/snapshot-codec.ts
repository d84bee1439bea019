/**
 * Binary snapshot codec: `encodeSnapshot` and `decodeSnapshot` side by side, round-trip
 * tested. Layout (little-endian) is documented in docs/PROTOCOL.md; positions and velocities
 * are sixteenths of a pixel, which is the grid the simulation itself snaps to, so nothing is
 * lost on the way.
 */
import { POSITION_SCALE } from '../sim/quantize.js';
import type { PlayerState } from '../sim/world.js';
import { RoundPhase } from '../sim/world.js';
import { PLAYER_FIELDS } from './player-fields.js';
import type { Snapshot, SnapshotAck, SnapshotCoin, SnapshotPlayer } from './snapshot.js';
import { clampInt, WIRE_NUMBERS, type WireNumber } from './wire-numbers.js';

export const SNAPSHOT_MAGIC = 0x53; // 'S'
export const SNAPSHOT_CODEC_VERSION = 1;

/** A player field and where it sits in a player entry, worked out once from the table. */
interface PlacedField {
  name: keyof PlayerState;
  offset: number;
  scale: number;
  wire: WireNumber;
}

function placeFields(): { fields: PlacedField[]; bytes: number } {
  let offset = 0;
  const fields = PLAYER_FIELDS.map((f) => {
    const wire = WIRE_NUMBERS[f.type];
    const placed = { name: f.name, offset, scale: 'scale' in f ? f.scale : 1, wire };
    offset += wire.bytes;
    return placed;
  });
  return { fields, bytes: offset };
}

const PLAYER_LAYOUT = placeFields();
// magic, version, tick, serverTimeMs, round number, phase, ticks left
const HEADER_BYTES = 1 + 1 + 4 + 8 + 2 + 1 + 4;
/** The player's fields (player-fields.ts), then a byte of flags (bit 0: connected). */
const PLAYER_BYTES = PLAYER_LAYOUT.bytes + 1;
const COIN_BYTES = 6;
const ACK_BYTES = 6;
const MAX_ENTRIES = 255;

export class SnapshotDecodeError extends Error {
  override name = 'SnapshotDecodeError';
}

const PHASES = [RoundPhase.Playing, RoundPhase.Intermission] as const;

function writePlayer(view: DataView, at: number, p: SnapshotPlayer): number {
  for (const f of PLAYER_LAYOUT.fields) f.wire.write(view, at + f.offset, p[f.name] * f.scale);
  view.setUint8(at + PLAYER_LAYOUT.bytes, p.connected ? 1 : 0);
  return at + PLAYER_BYTES;
}

function readPlayer(view: DataView, at: number): SnapshotPlayer {
  const p = {} as SnapshotPlayer;
  for (const f of PLAYER_LAYOUT.fields) p[f.name] = f.wire.read(view, at + f.offset) / f.scale;
  p.connected = (view.getUint8(at + PLAYER_LAYOUT.bytes) & 1) === 1;
  return p;
}

function writeCoin(view: DataView, at: number, c: SnapshotCoin): number {
  view.setUint16(at, c.id, true);
  view.setUint16(at + 2, clampInt(c.x * POSITION_SCALE, 0, 0xffff), true);
  view.setUint16(at + 4, clampInt(c.y * POSITION_SCALE, 0, 0xffff), true);
  return at + COIN_BYTES;
}

function readCoin(view: DataView, at: number): SnapshotCoin {
  return {
    id: view.getUint16(at, true),
    x: view.getUint16(at + 2, true) / POSITION_SCALE,
    y: view.getUint16(at + 4, true) / POSITION_SCALE,
  };
}

function writeAck(view: DataView, at: number, a: SnapshotAck): number {
  view.setUint16(at, a.playerId, true);
  view.setUint32(at + 2, clampInt(a.seq, 0, 0xffff_ffff), true);
  return at + ACK_BYTES;
}

function readAck(view: DataView, at: number): SnapshotAck {
  return { playerId: view.getUint16(at, true), seq: view.getUint32(at + 2, true) };
}

export function encodedSnapshotSize(s: Snapshot): number {
  const tables =
    s.players.length * PLAYER_BYTES + s.coins.length * COIN_BYTES + s.acks.length * ACK_BYTES;
  // Each of the three tables starts with a one-byte count.
  return HEADER_BYTES + 3 + tables;
}

export function encodeSnapshot(snapshot: Snapshot): Uint8Array {
  const { players, coins, acks } = snapshot;
  if (players.length > MAX_ENTRIES || coins.length > MAX_ENTRIES || acks.length > MAX_ENTRIES) {
    throw new RangeError(`a snapshot holds at most ${MAX_ENTRIES} players, coins and acks`);
  }
  const bytes = new Uint8Array(encodedSnapshotSize(snapshot));
  const view = new DataView(bytes.buffer);
  view.setUint8(0, SNAPSHOT_MAGIC);
  view.setUint8(1, SNAPSHOT_CODEC_VERSION);
  view.setUint32(2, clampInt(snapshot.tick, 0, 0xffff_ffff), true);
  view.setFloat64(6, snapshot.serverTimeMs, true);
  view.setUint16(14, clampInt(snapshot.round.number, 0, 0xffff), true);
  view.setUint8(16, PHASES.indexOf(snapshot.round.phase));
  view.setUint32(17, clampInt(snapshot.round.ticksLeft, 0, 0xffff_ffff), true);
  let at = HEADER_BYTES;
  view.setUint8(at++, players.length);
  for (const p of players) at = writePlayer(view, at, p);
  view.setUint8(at++, coins.length);
  for (const c of coins) at = writeCoin(view, at, c);
  view.setUint8(at++, acks.length);
  for (const a of acks) at = writeAck(view, at, a);
  return bytes;
}

function readTable<T>(
  view: DataView,
  at: number,
  entryBytes: number,
  read: (view: DataView, at: number) => T,
): { items: T[]; at: number } {
  if (at >= view.byteLength) throw new SnapshotDecodeError('snapshot truncated');
  const count = view.getUint8(at);
  const start = at + 1;
  if (start + count * entryBytes > view.byteLength) {
    throw new SnapshotDecodeError('snapshot truncated');
  }
  const items: T[] = [];
  for (let i = 0; i < count; i++) items.push(read(view, start + i * entryBytes));
  return { items, at: start + count * entryBytes };
}

/** Anything but bytes (a frame is whatever the socket delivered) is a decode error too. */
function toView(frame: ArrayBuffer | Uint8Array): DataView {
  if (ArrayBuffer.isView(frame)) {
    return new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  }
  if (frame instanceof ArrayBuffer) return new DataView(frame);
  throw new SnapshotDecodeError('snapshot frame is not binary');
}

export function decodeSnapshot(frame: ArrayBuffer | Uint8Array): Snapshot {
  const view = toView(frame);
  if (view.byteLength < HEADER_BYTES) throw new SnapshotDecodeError('snapshot truncated');
  if (view.getUint8(0) !== SNAPSHOT_MAGIC) throw new SnapshotDecodeError('not a snapshot frame');
  const version = view.getUint8(1);
  if (version !== SNAPSHOT_CODEC_VERSION) {
    throw new SnapshotDecodeError(`snapshot codec version ${version} is not supported`);
  }
  const phase = PHASES[view.getUint8(16)];
  if (!phase) throw new SnapshotDecodeError('unknown round phase');
  const players = readTable(view, HEADER_BYTES, PLAYER_BYTES, readPlayer);
  const coins = readTable(view, players.at, COIN_BYTES, readCoin);
  const acks = readTable(view, coins.at, ACK_BYTES, readAck);
  if (acks.at !== view.byteLength) throw new SnapshotDecodeError('trailing bytes after snapshot');
  return {
    tick: view.getUint32(2, true),
    serverTimeMs: view.getFloat64(6, true),
    round: { number: view.getUint16(14, true), phase, ticksLeft: view.getUint32(17, true) },
    players: players.items,
    coins: coins.items,
    acks: acks.items,
  };
}

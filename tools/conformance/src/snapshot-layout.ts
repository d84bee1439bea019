/**
 * A `state:snapshot` read the way docs/PROTOCOL.md §7 lays it out, byte by byte: little-endian,
 * a 21-byte header, then three tables (players, coins, acks), each a u8 count and its entries.
 * Written from the page alone, on purpose: it checks the page, not the codec.
 */
import { Snapshot as Layout } from './protocol-facts.js';

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
  tick: number;
  serverTimeMs: number;
  round: number;
  phase: number;
  ticksLeft: number;
  players: WirePlayer[];
  coins: { id: number; x: number; y: number }[];
  acks: { playerId: number; seq: number }[];
}

export class LayoutError extends Error {
  override name = 'LayoutError';
}

function table<T>(view: DataView, at: number, size: number, read: (o: number) => T) {
  if (at >= view.byteLength) throw new LayoutError(`no table count at byte ${at}`);
  const count = view.getUint8(at);
  const end = at + 1 + count * size;
  if (end > view.byteLength) throw new LayoutError(`table at ${at} runs past the frame`);
  const rows = Array.from({ length: count }, (_, i) => read(at + 1 + i * size));
  return { rows, end };
}

function readPlayer(view: DataView, o: number): WirePlayer {
  const scale = Layout.fixedPointScale;
  return {
    id: view.getUint16(o, true),
    x: view.getUint16(o + 2, true) / scale,
    y: view.getUint16(o + 4, true) / scale,
    vx: view.getInt16(o + 6, true) / scale,
    vy: view.getInt16(o + 8, true) / scale,
    score: view.getUint16(o + 10, true),
    connected: (view.getUint8(o + 16) & 1) === 1,
  };
}

export function readSnapshot(bytes: Uint8Array): WireSnapshot {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < Layout.headerBytes) throw new LayoutError('shorter than the header');
  if (view.getUint8(0) !== Layout.magic) throw new LayoutError('magic byte is not 0x53');
  const version = view.getUint8(1);
  if (version !== Layout.codecVersion) throw new LayoutError(`codec version ${version}`);
  const players = table(view, 21, Layout.playerBytes, (o) => readPlayer(view, o));
  const coins = table(view, players.end, Layout.coinBytes, (o) => ({
    id: view.getUint16(o, true),
    x: view.getUint16(o + 2, true) / Layout.fixedPointScale,
    y: view.getUint16(o + 4, true) / Layout.fixedPointScale,
  }));
  const acks = table(view, coins.end, Layout.ackBytes, (o) => ({
    playerId: view.getUint16(o, true),
    seq: view.getUint32(o + 2, true),
  }));
  if (acks.end !== bytes.byteLength) throw new LayoutError('bytes after the acks table');
  return {
    tick: view.getUint32(2, true),
    serverTimeMs: view.getFloat64(6, true),
    round: view.getUint16(14, true),
    phase: view.getUint8(16),
    ticksLeft: view.getUint32(17, true),
    players: players.rows,
    coins: coins.rows,
    acks: acks.rows,
  };
}

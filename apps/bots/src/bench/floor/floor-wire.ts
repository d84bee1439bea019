/**
 * The floor's wire: the least a server must say to play this game over a plain WebSocket. It
 * is a yardstick for the benchmark, not a protocol anyone should build on: no handshake,
 * versions, rooms to choose, chat, errors or reconnection.
 *
 * Server → client
 *   binary frame   a snapshot: exactly the bytes of Arena's `SnapshotEncoder`
 *                  (`@arena/shared/protocol`): a delta for a member that holds the previous
 *                  snapshot, a keyframe for one that does not, so the floor sends what Arena
 *                  sends and follows every change to the codec; each framed once per room per
 *                  tick and written to every member that takes it.
 *   text frame     JSON: `{"type":"welcome","selfId":n,"sim":{…}}` once on connect (`sim` as
 *                  in Arena's `room:joined`), then `{"type":"pong","clientTimeMs":…,"serverTimeMs":…}`
 *                  for each ping.
 * Client → server, binary only, little-endian, the first byte says what it is:
 *   'I' (0x49)  input: seq u32, buttons u8, viewTick u32 (0xFFFFFFFF: none)   = 10 bytes
 *   'P' (0x50)  ping: clientTimeMs f64                                         =  9 bytes
 * Anything else, or a wrong length, is ignored and counted.
 */
import type { ServerPayload } from '@arena/shared/protocol';
import type { RawData } from 'ws';

export const FloorMessage = { Input: 0x49, Ping: 0x50 } as const;

const INPUT_BYTES = 10;
const PING_BYTES = 9;
const NO_VIEW_TICK = 0xffff_ffff;

export interface FloorInput {
  seq: number;
  buttons: number;
  viewTick: number | undefined;
}

export type FloorWelcome = {
  type: 'welcome';
  selfId: number;
  sim: ServerPayload<'room:joined'>['sim'];
};
export type FloorPong = { type: 'pong' } & ServerPayload<'time:pong'>;
export type FloorText = FloorWelcome | FloorPong;

export function encodeFloorInput(input: FloorInput): Uint8Array {
  const bytes = new Uint8Array(INPUT_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, FloorMessage.Input);
  view.setUint32(1, input.seq >>> 0, true);
  view.setUint8(5, input.buttons & 0xff);
  view.setUint32(6, input.viewTick ?? NO_VIEW_TICK, true);
  return bytes;
}

export function encodeFloorPing(clientTimeMs: number): Uint8Array {
  const bytes = new Uint8Array(PING_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, FloorMessage.Ping);
  view.setFloat64(1, clientTimeMs, true);
  return bytes;
}

export type FloorClientMessage =
  | { type: 'input'; input: FloorInput }
  | { type: 'ping'; clientTimeMs: number }
  | { type: 'unreadable' };

export function decodeFloorClientMessage(bytes: Uint8Array): FloorClientMessage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = bytes.byteLength > 0 ? view.getUint8(0) : -1;
  if (kind === FloorMessage.Input && bytes.byteLength === INPUT_BYTES) {
    const viewTick = view.getUint32(6, true);
    return {
      type: 'input',
      input: {
        seq: view.getUint32(1, true),
        buttons: view.getUint8(5),
        viewTick: viewTick === NO_VIEW_TICK ? undefined : viewTick,
      },
    };
  }
  if (kind === FloorMessage.Ping && bytes.byteLength === PING_BYTES) {
    return { type: 'ping', clientTimeMs: view.getFloat64(1, true) };
  }
  return { type: 'unreadable' };
}

/** A message's bytes as `ws` hands them over (one Buffer unless told otherwise). */
export function messageBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

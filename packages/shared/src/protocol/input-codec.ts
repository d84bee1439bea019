/**
 * `player:input` as bytes: the payload of binary event 2 (docs/PROTOCOL.md §1 and §4). A client
 * sends one input per tick, so this is the message a server reads most; JSON costs 40–80 bytes
 * and an object parse plus a schema check, this costs 5 or 11 bytes and a length check.
 *
 *   offset  bytes  field
 *   0       4      seq          u32, little-endian
 *   4       1      buttons      the `Button` bits, 0 … 31
 *   5       4      viewTick     u32, little-endian   } both or neither: 11 bytes with the view,
 *   9       2      viewAheadMs  u16, 0 … 1000         }  5 without
 *
 * The length says whether the view is there; every other length is refused. `viewAheadMs`
 * travels only with `viewTick`: without one it means nothing (the server judges hits at the
 * client's view, and without a view it has none).
 */
import type { z } from 'zod';
import { ALL_BUTTONS_MASK } from './buttons.js';
import type { PlayerInputPayload } from './schemas.js';
import { VIEW_AHEAD_MAX_MS } from './schemas.js';
import { WireDecodeError } from './wire-bytes.js';

/** What an input carries, in either form (binary or JSON). */
export type PlayerInput = z.output<typeof PlayerInputPayload>;

export const INPUT_BYTES = 5;
export const INPUT_WITH_VIEW_BYTES = 11;

export class InputDecodeError extends WireDecodeError {
  override name = 'InputDecodeError';
}

const U32_MAX = 0xffff_ffff;

function isU32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= U32_MAX;
}

function writeU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = (value >>> 24) & 0xff;
}

function readU32(bytes: Uint8Array, at: number): number {
  // The top byte is multiplied, not shifted, so the result is never negative.
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + bytes[at + 3]! * 0x100_0000
  );
}

/** The payload of a binary `player:input`. Throws a RangeError for what no server accepts. */
export function encodeInput(input: PlayerInput): Uint8Array {
  const { seq, buttons, viewTick, viewAheadMs = 0 } = input;
  if (!isU32(seq)) throw new RangeError(`seq must be a u32, got ${seq}`);
  if (!Number.isInteger(buttons) || buttons < 0 || buttons > ALL_BUTTONS_MASK) {
    throw new RangeError(`buttons must be 0 … ${ALL_BUTTONS_MASK}, got ${buttons}`);
  }
  const bytes = new Uint8Array(viewTick === undefined ? INPUT_BYTES : INPUT_WITH_VIEW_BYTES);
  writeU32(bytes, 0, seq);
  bytes[4] = buttons;
  if (viewTick === undefined) return bytes;
  if (!isU32(viewTick)) throw new RangeError(`viewTick must be a u32, got ${viewTick}`);
  if (!Number.isInteger(viewAheadMs) || viewAheadMs < 0 || viewAheadMs > VIEW_AHEAD_MAX_MS) {
    throw new RangeError(`viewAheadMs must be 0 … ${VIEW_AHEAD_MAX_MS}, got ${viewAheadMs}`);
  }
  writeU32(bytes, 5, viewTick);
  bytes[9] = viewAheadMs & 0xff;
  bytes[10] = viewAheadMs >>> 8;
  return bytes;
}

/**
 * A binary `player:input`'s payload back into an input, or an `InputDecodeError` whose message
 * says what is wrong (it becomes the `INVALID_PAYLOAD` error's message). Never anything else.
 */
export function decodeInput(bytes: Uint8Array): PlayerInput {
  const length = bytes.length;
  if (length !== INPUT_BYTES && length !== INPUT_WITH_VIEW_BYTES) {
    throw new InputDecodeError(
      `a binary input is ${INPUT_BYTES} or ${INPUT_WITH_VIEW_BYTES} bytes, got ${length}`,
    );
  }
  const buttons = bytes[4]!;
  if (buttons > ALL_BUTTONS_MASK) {
    throw new InputDecodeError(`buttons ${buttons}: only bits 0–4 (0 … ${ALL_BUTTONS_MASK}) exist`);
  }
  const seq = readU32(bytes, 0);
  if (length === INPUT_BYTES) return { seq, buttons, viewTick: undefined, viewAheadMs: undefined };
  const viewAheadMs = bytes[9]! | (bytes[10]! << 8);
  if (viewAheadMs > VIEW_AHEAD_MAX_MS) {
    throw new InputDecodeError(`viewAheadMs ${viewAheadMs} is over ${VIEW_AHEAD_MAX_MS}`);
  }
  return { seq, buttons, viewTick: readU32(bytes, 5), viewAheadMs };
}

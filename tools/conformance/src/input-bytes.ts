/**
 * A binary `player:input`'s payload, written from docs/PROTOCOL.md §4 (not from Arena's code):
 * seq u32, buttons u8, and viewTick u32 with viewAheadMs u16 when there is a view, all
 * little-endian. No range checks: rules send out-of-range values on purpose.
 */
import { BinaryInput } from './protocol-facts.js';

export interface InputFields {
  seq: number;
  buttons: number;
  view?: { tick: number; aheadMs: number };
}

export function inputBytes({ seq, buttons, view }: InputFields): Uint8Array {
  const bytes = new Uint8Array(view ? BinaryInput.withViewBytes : BinaryInput.bytes);
  const data = new DataView(bytes.buffer);
  data.setUint32(0, seq, true);
  data.setUint8(4, buttons);
  if (view) {
    data.setUint32(5, view.tick, true);
    data.setUint16(9, view.aheadMs, true);
  }
  return bytes;
}

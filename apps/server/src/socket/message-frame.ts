/**
 * A message as engine.io writes it, framed once: the message itself (what a long-polling
 * connection is written) and the same inside a finished server-to-client WebSocket frame
 * (unmasked), which goes to `ws` as it is (`wsPreEncodedFrame`, or framed-write.ts) instead of
 * being framed per connection.
 */

/** What one `conn.write` takes: the message, and the same inside its WebSocket frame. */
export interface FramedMessage {
  /** The message as engine.io's `write` takes it: bytes for a binary one, text for text. */
  data: Buffer | string;
  options: { compress: false; wsPreEncodedFrame: Buffer[] };
}

/** The first byte of a frame: FIN, and the opcode. */
export const WsOpcode = { Text: 0x81, Binary: 0x82 } as const;
export type WsOpcode = (typeof WsOpcode)[keyof typeof WsOpcode];

/**
 * A frame of `length` payload bytes with its header written; the payload (still to be filled)
 * starts at `payloadAt`.
 */
export function allocateFrame(
  opcode: WsOpcode,
  length: number,
): { frame: Buffer; payloadAt: number } {
  const payloadAt = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(payloadAt + length);
  frame[0] = opcode;
  if (payloadAt === 2) frame[1] = length;
  else if (payloadAt === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  return { frame, payloadAt };
}

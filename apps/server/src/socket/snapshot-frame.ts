/**
 * A snapshot as engine.io writes it, framed once and written to any number of connections:
 * the parser's binary message (the `state:snapshot` event's byte, then the snapshot) for a
 * long-polling connection, and the same message inside a finished WebSocket frame, which
 * engine.io hands to `ws` as it is (`wsPreEncodedFrame`) instead of framing it per socket.
 * Whoever holds a snapshot's bytes (this process's rooms, or a relay of another process's)
 * frames it here.
 */
import { BINARY_EVENTS } from '@arena/shared/protocol';

/** What one `conn.write` takes: the parser's message, and the same inside its WebSocket frame. */
export interface FramedMessage {
  data: Buffer;
  options: { compress: false; wsPreEncodedFrame: Buffer[] };
  /** The snapshot's own bytes (what the metrics count). */
  snapshotBytes: number;
}

const SNAPSHOT_EVENT_NUMBER = BINARY_EVENTS.indexOf('state:snapshot') + 1;
const WS_FIN_BINARY = 0x82;

/** A server-to-client WebSocket binary frame (unmasked) around the parser's message. */
export function frameSnapshot(snapshot: Uint8Array): FramedMessage {
  const length = 1 + snapshot.byteLength;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = WS_FIN_BINARY;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame[header] = SNAPSHOT_EVENT_NUMBER;
  frame.set(snapshot, header + 1);
  return {
    data: frame.subarray(header),
    options: { compress: false, wsPreEncodedFrame: [frame] },
    snapshotBytes: snapshot.byteLength,
  };
}

/**
 * A snapshot as engine.io writes it, framed once and written to any number of connections
 * (message-frame.ts): the parser's binary message, the `state:snapshot` event's byte then the
 * snapshot. Whoever holds a snapshot's bytes (this process's rooms, or a relay of another
 * process's) frames it here.
 */
import { binaryEventNumber } from '@arena/shared/protocol';
import { allocateFrame, WsOpcode, type FramedMessage } from './message-frame.js';

export interface FramedSnapshot extends FramedMessage {
  data: Buffer;
  /** The snapshot's own bytes (what the metrics count). */
  snapshotBytes: number;
  /** The whole WebSocket frame's bytes (what a connection's backlog grows by). */
  frameBytes: number;
}

const SNAPSHOT_EVENT_NUMBER = binaryEventNumber('state:snapshot');

export function frameSnapshot(snapshot: Uint8Array): FramedSnapshot {
  const { frame, payloadAt } = allocateFrame(WsOpcode.Binary, 1 + snapshot.byteLength);
  frame[payloadAt] = SNAPSHOT_EVENT_NUMBER;
  frame.set(snapshot, payloadAt + 1);
  return {
    data: frame.subarray(payloadAt),
    options: { compress: false, wsPreEncodedFrame: [frame] },
    snapshotBytes: snapshot.byteLength,
    frameBytes: frame.byteLength,
  };
}

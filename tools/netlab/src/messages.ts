import { INPUT_BYTES, INPUT_WITH_VIEW_BYTES } from '@arena/shared/protocol';

/** What travels over netlab's simulated links: the same payloads the real events carry. */
export type UpMessage =
  | {
      kind: 'input';
      seq: number;
      buttons: number;
      viewTick: number | undefined;
      viewAheadMs: number | undefined;
    }
  | { kind: 'ping'; clientTimeMs: number };

export type DownMessage =
  | { kind: 'snapshot'; frame: Uint8Array }
  | { kind: 'pong'; clientTimeMs: number; serverTimeMs: number };

/** socket.io's framing around a JSON event: `42["time:ping",{…}]` and a WebSocket header. */
const EVENT_OVERHEAD_BYTES = 2 + 2 + 2;
/** A binary event: a WebSocket header and the event's byte. */
const BINARY_OVERHEAD_BYTES = 2 + 1;

export function upMessageBytes(message: UpMessage): number {
  if (message.kind === 'input') {
    return (
      BINARY_OVERHEAD_BYTES + (message.viewTick === undefined ? INPUT_BYTES : INPUT_WITH_VIEW_BYTES)
    );
  }
  const { kind: _kind, ...payload } = message;
  return EVENT_OVERHEAD_BYTES + JSON.stringify(['time:ping', payload]).length;
}

export function downMessageBytes(message: DownMessage): number {
  if (message.kind === 'snapshot') {
    // One binary WebSocket message: its header (2 bytes, 4 past 125), the event's byte, the frame.
    const length = 1 + message.frame.byteLength;
    return (length < 126 ? 2 : 4) + length;
  }
  const { kind: _kind, ...payload } = message;
  return EVENT_OVERHEAD_BYTES + JSON.stringify(['time:pong', payload]).length;
}

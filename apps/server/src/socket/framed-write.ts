/**
 * Writes a pre-framed message (message-frame.ts: a snapshot, a clock-sync pong) to one
 * connection, by the shortest way that keeps everything engine.io writes in order.
 *
 * Through engine.io, each write builds a packet object, emits `packetCreate`, `flush` and
 * `drain` (on the connection and the server), queues it, marks the transport busy until the
 * kernel took it, and only then hands the frame to `ws`'s sender: most of a snapshot's cost
 * per member, for bytes that are already final. So when the connection is on the WebSocket
 * transport and engine.io holds nothing for it (its write buffer is empty and its transport
 * writable: everything engine.io was given has reached `ws`), and `ws`'s sender holds nothing
 * either (no compression or blob read in progress), the frame goes straight to the sender
 * (`sendFrame`, the same call engine.io makes for a pre-encoded frame), after everything
 * written before it and before anything written after it. Otherwise, and on long-polling,
 * engine.io writes it as before.
 *
 * What write-backlog.ts counts stays exact: a frame written here is in the WebSocket's
 * `bufferedAmount` until the kernel takes it, and the limit is checked after each one.
 */
import type { FramedMessage } from './message-frame.js';
import { checkBacklog } from './write-backlog.js';

/** The part of `ws`'s WebSocket (and its sender) read here; engine.io reaches into it too. */
interface SenderSocket {
  readyState: number;
  _sender?: {
    _state: number;
    _queue: unknown[];
    sendFrame(list: Buffer[], callback?: (error?: Error) => void): void;
  };
}

/** The part of engine.io's connection used here (`writeBuffer` is private in its types). */
export interface FramedConnection {
  transport: { name: string; writable: boolean; socket?: unknown };
  write(data: FramedMessage['data'], options: FramedMessage['options']): unknown;
}

const WEBSOCKET_OPEN = 1;
/** ws's sender is idle (`DEFAULT`): not compressing, not reading a blob. */
const SENDER_IDLE = 0;

/** Connections whose `write` is wrapped (a simulated link delays it): never written around. */
const engineOnly = new WeakSet<object>();

/** Every write to `connection` goes through its `write` (someone wraps it). */
export function keepWritesOnEngine(connection: object): void {
  engineOnly.add(connection);
}

/** The sender to write `connection`'s next frame to directly, if that keeps the order. */
function idleSender(connection: FramedConnection): SenderSocket['_sender'] {
  const transport = connection.transport;
  if (transport.name !== 'websocket' || !transport.writable) return undefined;
  const queued = (connection as unknown as { writeBuffer?: unknown[] }).writeBuffer;
  if (queued === undefined || queued.length > 0 || engineOnly.has(connection)) return undefined;
  const ws = transport.socket as SenderSocket | undefined;
  const sender = ws?._sender;
  if (ws?.readyState !== WEBSOCKET_OPEN || sender === undefined) return undefined;
  if (sender._state !== SENDER_IDLE || sender._queue.length > 0) return undefined;
  return sender;
}

/** Writes `message` to `connection`: straight to its WebSocket when that keeps the order. */
export function writeFramed(connection: FramedConnection, message: FramedMessage): void {
  if (writeFramedUnchecked(connection, message)) checkBacklog(connection);
}

/**
 * `writeFramed` without its limit check: returns true when the frame went straight to the
 * WebSocket, and the caller then owes `checkBacklog` (through engine.io, engine.io's own
 * events check it). For a caller that knows this frame cannot take the connection past its
 * limit: the snapshot fanout writes only to connections far below it.
 */
export function writeFramedUnchecked(
  connection: FramedConnection,
  message: FramedMessage,
): boolean {
  const sender = idleSender(connection);
  if (sender === undefined) {
    connection.write(message.data, message.options);
    return false;
  }
  sender.sendFrame(message.options.wsPreEncodedFrame);
  return true;
}

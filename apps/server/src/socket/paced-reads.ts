/**
 * engine.io's WebSocket server, bounding what one TCP read can make the server do at once.
 *
 * `ws` hands over every message of a read at once by default: 64 KiB of one-byte frames is
 * 9,000 packets, and held the loop for 100 ms or more before the packet budget
 * (packet-budget.ts) could pause the connection. Handing over one message per turn of the
 * event loop instead spreads such a burst out, and a pause takes effect at once; but it costs
 * every message a turn of its own (a `setImmediate`, then the `nextTick` queue), and an honest
 * client's read is one input, or a handful after a hiccup: a quarter of the receive path's cost
 * went to those turns.
 *
 * So each read is judged by its size, before any of it is parsed: a read of at most
 * SYNC_READ_MAX_BYTES is handled at once (at most 85 frames, each of them charged to the packet
 * budget as before), and a larger one one message a turn, as before. Whichever way, the bytes
 * held for a connection stay one read, and a paused connection is not read further.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The largest read handled at once: 512 bytes is 28 binary inputs of 11 bytes (a second's worth
 * held back by a hiccup, framed), or 85 of the smallest frames a client can send.
 */
export const SYNC_READ_MAX_BYTES = 512;

type WriteCallback = (error?: Error | null) => void;

/** The part of `ws`'s Receiver (a Writable fed one TCP read at a time) paced here. */
interface Receiver {
  /** Read by the receiver as it finishes each message: at once, or on a `setImmediate`. */
  _allowSynchronousEvents: boolean;
  _write(chunk: Buffer, encoding: BufferEncoding, callback: WriteCallback): void;
}

/**
 * Sets the receiver's pace for each read as it comes in. A Writable calls `_write` again only
 * once the previous read is fully handled, so a read keeps the pace it started with.
 */
function paceReads(websocket: WebSocket): void {
  const receiver = (websocket as unknown as { _receiver: Receiver | null })._receiver;
  if (!receiver) return;
  let maxAtOnceBytes = SYNC_READ_MAX_BYTES;
  oneMessageATurn.set(websocket, (always) => {
    maxAtOnceBytes = always ? -1 : SYNC_READ_MAX_BYTES;
  });
  const write = receiver._write.bind(receiver);
  receiver._write = (chunk, encoding, callback) => {
    receiver._allowSynchronousEvents = chunk.length <= maxAtOnceBytes;
    write(chunk, encoding, callback);
  };
}

const oneMessageATurn = new WeakMap<object, (always: boolean) => void>();

/**
 * Handles every read of `websocket` one message a turn (`false`: by its size again):
 * `npm run bench:receive` measures both ways on one server, one connection at a time.
 */
export function readOneMessageATurn(websocket: object, always = true): void {
  oneMessageATurn.get(websocket)?.(always);
}

export class PacedWebSocketServer extends WebSocketServer {
  override handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    callback: (websocket: WebSocket, request: IncomingMessage) => void,
  ): void {
    super.handleUpgrade(request, socket, head, (websocket, upgraded) => {
      paceReads(websocket);
      callback(websocket, upgraded);
    });
  }
}

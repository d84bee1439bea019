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
import * as ws from 'ws';

/**
 * The largest read handled at once: 512 bytes is 28 binary inputs of 11 bytes (a second's worth
 * held back by a hiccup, framed), or 85 of the smallest frames a client can send.
 */
export const SYNC_READ_MAX_BYTES = 512;

/**
 * The most frames one message may come in. Its fragments are parsed but are not packets, so
 * the packet budget never sees them: a message that never ends (empty continuation frames for
 * ever) would cost the server its parsing for free. `ws`'s own default, written here so that
 * no upgrade changes it unseen; an honest client sends each message whole.
 */
const MAX_FRAGMENTS_PER_MESSAGE = 16 * 1024;

type WriteCallback = (error?: Error | null) => void;
/** A Writable's `_write`, called on the stream. */
type WriteMethod = (
  this: Receiver,
  chunk: Buffer,
  encoding: BufferEncoding,
  callback: WriteCallback,
) => void;

/** The part of `ws`'s Receiver (a Writable fed one TCP read at a time) paced here. */
interface Receiver {
  /** Read by the receiver as it finishes each message: at once, or on a `setImmediate`. */
  _allowSynchronousEvents: boolean;
  _write: WriteMethod;
}

/** A receiver paced here: the largest read it handles at once (-1: none). */
interface PacedReceiver extends Receiver {
  arenaMaxAtOnceBytes: number;
}

/** `ws`'s own `_write` (its Receiver class is exported, but not in its type declarations). */
const { Receiver: ReceiverClass } = ws as unknown as { Receiver: { prototype: Receiver } };
const receiverWrite: WriteMethod = ReceiverClass.prototype._write;

/**
 * Every paced receiver's `_write`: one function for all of them, so that V8 compiles it once
 * and inlines `ws`'s own `_write` into it. A closure per connection, bound to `ws`'s, was a
 * call more on every TCP read: `perf` put the layers between `ws`'s socket and its parser at
 * 15-20 ms a second at 200 clients that way, and at 13 this way.
 */
function pacedWrite(
  this: PacedReceiver,
  chunk: Buffer,
  encoding: BufferEncoding,
  callback: WriteCallback,
): void {
  this._allowSynchronousEvents = chunk.length <= this.arenaMaxAtOnceBytes;
  receiverWrite.call(this, chunk, encoding, callback);
}

/**
 * Sets the receiver's pace for each read as it comes in. A Writable calls `_write` again only
 * once the previous read is fully handled, so a read keeps the pace it started with.
 */
function paceReads(websocket: ws.WebSocket): void {
  const receiver = (websocket as unknown as { _receiver: PacedReceiver | null })._receiver;
  if (!receiver) return;
  receiver.arenaMaxAtOnceBytes = SYNC_READ_MAX_BYTES;
  // Set on this receiver only, once its limit is: `this` is always a PacedReceiver.
  receiver._write = pacedWrite as WriteMethod;
}

/**
 * Handles every read of `websocket` one message a turn (`false`: by its size again):
 * `npm run bench:receive` measures both ways on one server, one connection at a time.
 */
export function readOneMessageATurn(websocket: object, always = true): void {
  const receiver = (websocket as { _receiver?: PacedReceiver | null })._receiver;
  if (receiver?._write === pacedWrite)
    receiver.arenaMaxAtOnceBytes = always ? -1 : SYNC_READ_MAX_BYTES;
}

export class PacedWebSocketServer extends ws.WebSocketServer {
  constructor(options: ws.ServerOptions, callback?: () => void) {
    super({ ...options, maxFragments: MAX_FRAGMENTS_PER_MESSAGE }, callback);
  }

  override handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    callback: (websocket: ws.WebSocket, request: IncomingMessage) => void,
  ): void {
    super.handleUpgrade(request, socket, head, (websocket, upgraded) => {
      paceReads(websocket);
      callback(websocket, upgraded);
    });
  }
}

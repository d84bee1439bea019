/**
 * Arena's socket.io parser, used by the server (`new Server(http, { parser: wireParser })`)
 * and every client (`io(url, { parser: wireParser })`). Text packets are socket.io's default
 * parser's, unchanged, so every JSON event reads the same to any socket.io client. An event
 * whose one argument is binary travels as ONE binary WebSocket message: a byte naming the event,
 * then the bytes. socket.io's default parser would send a text header and then the bytes as a
 * second message: two frames and two writes per snapshot per client. A stock socket.io
 * client's binary packets (that header, then attachments) are still read, as before.
 * docs/PROTOCOL.md §1.
 */
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { WireDecodeError, bytesOf } from './wire-bytes.js';

/**
 * Binary events by number: the first byte of a binary message is the event's number (its
 * index here plus one). 0 means the name follows: one byte of length, then the ASCII name.
 */
export const BINARY_EVENTS = ['state:snapshot', 'player:input'] as const;
const NAME_FOLLOWS = 0;
const MAX_NAME_LENGTH = 255;
/** Names socket.io keeps for itself; its own parser refuses them as event names too. */
const RESERVED_EVENTS: readonly string[] = [
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
];

/** The first byte of a binary message carrying `event`: its number. */
export function binaryEventNumber(event: (typeof BINARY_EVENTS)[number]): number {
  return BINARY_EVENTS.indexOf(event) + 1;
}

export class WireParserError extends WireDecodeError {
  override name = 'WireParserError';
}

/** The whole message for `event` carrying `payload`: header and bytes in one buffer. */
export function encodeBinaryEvent(event: string, payload: Uint8Array): Uint8Array {
  const number = (BINARY_EVENTS as readonly string[]).indexOf(event) + 1;
  const header = number > 0 ? 1 : 2 + event.length;
  const message = new Uint8Array(header + payload.byteLength);
  if (number > 0) message[0] = number;
  else {
    if (event.length === 0 || event.length > MAX_NAME_LENGTH || !/^[\x20-\x7e]+$/.test(event)) {
      throw new RangeError(`a binary event name must be 1–255 printable ASCII characters`);
    }
    message[0] = NAME_FOLLOWS;
    message[1] = event.length;
    for (let i = 0; i < event.length; i++) message[2 + i] = event.charCodeAt(i);
  }
  message.set(payload, header);
  return message;
}

/** A binary message back into its event and payload (a view into the same memory). */
export function decodeBinaryEvent(message: unknown): { event: string; payload: Uint8Array } {
  const bytes = bytesOf(message, WireParserError);
  if (bytes.length === 0) throw new WireParserError('empty binary message');
  const number = bytes[0]!;
  if (number !== NAME_FOLLOWS) {
    const event = BINARY_EVENTS[number - 1];
    if (!event) throw new WireParserError(`unknown binary event ${number}`);
    return { event, payload: bytes.subarray(1) };
  }
  const length = bytes[1] ?? 0;
  if (length === 0 || bytes.length < 2 + length) throw new WireParserError('bad binary event name');
  let event = '';
  for (let i = 2; i < 2 + length; i++) {
    const code = bytes[i]!;
    if (code < 0x20 || code > 0x7e) throw new WireParserError('bad binary event name');
    event += String.fromCharCode(code);
  }
  if (RESERVED_EVENTS.includes(event)) throw new WireParserError(`"${event}" is reserved`);
  return { event, payload: bytes.subarray(2 + length) };
}

function isBinary(value: unknown): value is Uint8Array | ArrayBuffer {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

/** The binary payload of a packet this parser sends as one message, if it is one. */
function oneBinaryEvent(packet: Packet): { event: string; payload: Uint8Array } | undefined {
  const data: unknown = packet.data;
  if (packet.type !== PacketType.EVENT || packet.nsp !== '/' || packet.id !== undefined) return;
  if (!Array.isArray(data) || data.length !== 2 || typeof data[0] !== 'string') return;
  if (!isBinary(data[1])) return;
  return { event: data[0], payload: bytesOf(data[1], WireParserError) };
}

class WireEncoder extends Encoder {
  override encode(packet: Packet): (string | Uint8Array)[] {
    const binary = oneBinaryEvent(packet);
    if (binary) return [encodeBinaryEvent(binary.event, binary.payload)];
    const encoded = super.encode(packet) as (string | Uint8Array)[];
    if (encoded.length !== 1) {
      throw new TypeError('binary data travels only as the one argument of an event on "/"');
    }
    return encoded;
  }
}

class WireDecoder extends Decoder {
  override add(chunk: unknown): void {
    // Text, and the attachments of socket.io's own binary packets (what a stock socket.io
    // client sends for a binary argument), read as socket.io's parser reads them.
    if (typeof chunk === 'string' || this.awaitingAttachment()) {
      super.add(chunk);
      return;
    }
    const { event, payload } = decodeBinaryEvent(chunk);
    const packet: Packet = { type: PacketType.EVENT, nsp: '/', data: [event, payload] };
    this.emitReserved('decoded', packet);
  }

  /**
   * Whether socket.io's parser read a binary packet's header and waits for its buffers: the
   * next binary messages are those, whatever their first byte.
   */
  awaitingAttachment(): boolean {
    return Boolean((this as unknown as { reconstructor: unknown }).reconstructor);
  }
}

/** For socket.io's and socket.io-client's `parser` option. */
export const wireParser = { Encoder: WireEncoder, Decoder: WireDecoder };

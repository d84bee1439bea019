/**
 * A socket.io parser for docs/PROTOCOL.md §1, for socket.io-client's `parser` option: text
 * packets exactly as socket.io's own parser reads them, and a binary message as one event (a
 * byte naming it, or 0, a length and the name in ASCII, then the payload). The server never
 * sends socket.io's attachments, and this client sends no binary, so that is all it needs.
 */
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { BinaryEvent } from './protocol-facts.js';

const EVENT_NAMES: Record<number, string> = {
  [BinaryEvent.snapshot]: 'state:snapshot',
  [BinaryEvent.input]: 'player:input',
};

export class BinaryMessageError extends Error {
  override name = 'BinaryMessageError';
}

/** One binary message as the event it carries and its payload. */
export function readBinaryMessage(bytes: Uint8Array): { event: string; payload: Uint8Array } {
  const number = bytes[0];
  if (number === undefined) throw new BinaryMessageError('an empty binary message');
  if (number !== BinaryEvent.nameFollows) {
    const event = EVENT_NAMES[number];
    if (!event) throw new BinaryMessageError(`binary event ${number}`);
    return { event, payload: bytes.subarray(1) };
  }
  const length = bytes[1] ?? 0;
  if (length < 1 || bytes.byteLength < 2 + length)
    throw new BinaryMessageError('a binary event name that does not fit');
  const event = String.fromCharCode(...bytes.subarray(2, 2 + length));
  return { event, payload: bytes.subarray(2 + length) };
}

function bytesOf(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new BinaryMessageError(`a ${typeof chunk} chunk`);
}

class OneMessageDecoder extends Decoder {
  override add(chunk: unknown): void {
    if (typeof chunk === 'string') return super.add(chunk);
    const { event, payload } = readBinaryMessage(bytesOf(chunk));
    const packet: Packet = { type: PacketType.EVENT, nsp: '/', data: [event, payload] };
    this.emitReserved('decoded', packet);
  }
}

export const oneMessageParser = { Encoder, Decoder: OneMessageDecoder };

/**
 * A socket.io parser for docs/PROTOCOL.md §1, for socket.io-client's `parser` option: text
 * packets exactly as socket.io's own parser reads and writes them, and a binary message as one
 * event (a byte naming it, or 0, a length and the name in ASCII, then the payload), both ways.
 * The server never sends socket.io's attachments, and this client sends binary only as one
 * numbered event, so that is all it needs.
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

const EVENT_NUMBERS = new Map(Object.entries(EVENT_NAMES).map(([n, name]) => [name, Number(n)]));

/** An event whose one argument is bytes goes as one binary message: its number, then them. */
class OneMessageEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const data: unknown = packet.data;
    if (packet.type !== PacketType.EVENT || !Array.isArray(data)) return super.encode(packet);
    const [event, payload] = data as unknown[];
    const number = typeof event === 'string' ? EVENT_NUMBERS.get(event) : undefined;
    if (!(payload instanceof Uint8Array) || !number) return super.encode(packet);
    const message = new Uint8Array(1 + payload.byteLength);
    message[0] = number;
    message.set(payload, 1);
    return [message];
  }
}

export const oneMessageParser = { Encoder: OneMessageEncoder, Decoder: OneMessageDecoder };

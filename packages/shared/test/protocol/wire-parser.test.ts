import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import {
  BINARY_EVENTS,
  WireParserError,
  binaryEventNumber,
  decodeBinaryEvent,
  encodeBinaryEvent,
  wireParser,
} from '../../src/protocol/wire-parser.js';
import { Dice } from './snapshot-fixtures.js';

function decodeAll(chunks: unknown[]): Packet[] {
  const decoder = new wireParser.Decoder();
  const packets: Packet[] = [];
  decoder.on('decoded', (packet: Packet) => packets.push(packet));
  for (const chunk of chunks) decoder.add(chunk);
  return packets;
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const event = (data: unknown[], extra: Partial<Packet> = {}): Packet => ({
  type: PacketType.EVENT,
  nsp: '/',
  data,
  ...extra,
});

describe('text packets', () => {
  it('are encoded exactly as socket.io default parser encodes them', () => {
    const packets: Packet[] = [
      { type: PacketType.CONNECT, nsp: '/', data: { protocolVersion: 2 } },
      event(['chat:message', { text: 'hi', n: [1, 2] }]),
      event(['time:pong', { clientTimeMs: 1.5 }, 'offset'], { id: 12 }),
      { type: PacketType.EVENT, nsp: '/admin', data: ['x'] },
      { type: PacketType.DISCONNECT, nsp: '/' },
    ];
    for (const packet of packets) {
      expect(new wireParser.Encoder().encode(packet)).toEqual(new Encoder().encode(packet));
    }
  });

  it('are decoded exactly as the default parser decodes them', () => {
    const texts = ['0{"protocolVersion":2}', '2["a",{"b":1}]', '2/admin,7["x"]', '1'];
    const reference: Packet[] = [];
    const decoder = new Decoder();
    decoder.on('decoded', (p: Packet) => reference.push(p));
    for (const text of texts) decoder.add(text);
    expect(decodeAll(texts)).toEqual(reference);
  });

  it("read a stock socket.io client's binary packet: a text header, then its attachment", () => {
    const packet = event(['player:input', new Uint8Array([7, 8])]);
    const chunks = new Encoder().encode(packet) as unknown[];
    expect(chunks).toHaveLength(2);
    const [decoded] = decodeAll(chunks);
    const [name, payload] = decoded!.data as unknown[];
    expect(name).toBe('player:input');
    expect([...(payload as Uint8Array)]).toEqual([7, 8]);
  });
});

describe('an event with one binary argument', () => {
  const bytes = new Uint8Array([1, 2, 3, 250]);

  it('is one binary message: the event number, then the bytes', () => {
    const encoded = new wireParser.Encoder().encode(event(['state:snapshot', bytes]));
    expect(encoded).toHaveLength(1);
    expect([...(encoded[0] as Uint8Array)]).toEqual([1, 1, 2, 3, 250]);
    const input = new wireParser.Encoder().encode(event(['player:input', bytes.buffer]));
    expect([...(input[0] as Uint8Array)]).toEqual([2, 1, 2, 3, 250]);
    expect(BINARY_EVENTS.indexOf('player:input')).toBe(1);
    // What the server's direct reader and snapshot framer write and look for.
    expect(binaryEventNumber('state:snapshot')).toBe(1);
    expect(binaryEventNumber('player:input')).toBe(2);
  });

  it('names an event outside the table in ASCII after a 0 byte', () => {
    const [message] = new wireParser.Encoder().encode(event(['my:event', bytes]));
    expect([...(message as Uint8Array)]).toEqual([0, 8, ...ascii('my:event'), 1, 2, 3, 250]);
  });

  it('decodes back into the same event, from bytes, an ArrayBuffer or a view into a larger buffer', () => {
    const message = encodeBinaryEvent('state:snapshot', bytes);
    const inLarger = new Uint8Array(message.length + 4);
    inLarger.set(message, 2);
    for (const chunk of [
      message,
      message.slice().buffer,
      inLarger.subarray(2, 2 + message.length),
    ]) {
      const [packet] = decodeAll([chunk]);
      expect(packet).toMatchObject({ type: PacketType.EVENT, nsp: '/' });
      const [name, payload] = packet!.data as unknown[];
      expect(name).toBe('state:snapshot');
      expect([...(payload as Uint8Array)]).toEqual([...bytes]);
    }
  });

  it('refuses anything else binary rather than send attachments', () => {
    const encoder = new wireParser.Encoder();
    expect(() => encoder.encode(event(['x', bytes, bytes]))).toThrow(TypeError);
    expect(() => encoder.encode(event(['x', { b: bytes }]))).toThrow(TypeError);
    expect(() => encoder.encode(event(['x', bytes], { id: 3 }))).toThrow(TypeError);
    expect(() => encoder.encode(event(['x', bytes], { nsp: '/admin' }))).toThrow(TypeError);
  });

  it('refuses empty messages, unknown numbers, bad and reserved names', () => {
    const bad = [
      [],
      [BINARY_EVENTS.length + 1, 1],
      [0],
      [0, 0],
      [0, 5, 0x61],
      [0, 2, 0x61, 0x0a],
      [0, 10, ...ascii('disconnect')],
    ];
    for (const message of bad) {
      expect(() => decodeBinaryEvent(new Uint8Array(message))).toThrow(WireParserError);
    }
  });

  it('throws nothing but WireParserError on 20000 random messages', () => {
    const dice = new Dice(77);
    for (let i = 0; i < 20_000; i++) {
      const message = dice.bytes(dice.int(0, 16));
      if (dice.chance(0.5) && message.length > 0) message[0] = dice.int(0, 3);
      try {
        decodeAll([message]);
      } catch (error) {
        expect(error).toBeInstanceOf(WireParserError);
      }
    }
  });
});

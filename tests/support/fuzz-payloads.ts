/**
 * Malformed events for socket.io-client to send: every client event name with payloads of the
 * wrong type, missing and extra fields, huge and deeply nested values, `__proto__` and
 * `constructor` keys, NaN and Infinity, binary data, binary inputs their decoder refuses, and
 * unknown event names.
 *
 * Each packet is checked against the shared schema before it is sent, so a packet that
 * happens to come out valid is replaced: the fuzz test can then require that every single one
 * is answered or counted by the server.
 */
import {
  clientEventSchemas,
  decodeInput,
  INPUT_BYTES,
  INPUT_WITH_VIEW_BYTES,
  isClientEventName,
  type ClientEventName,
} from '@arena/shared/protocol';
import type { FuzzRandom } from './fuzz-random.js';

export interface EventPacket {
  event: string;
  /** What `emit` gets after the event name (binary values stay binary). */
  args: unknown[];
  /** Which mutation made it, for the report. */
  kind: string;
  /**
   * socket.io itself refuses it by closing the connection (too big, too many attachments), so
   * anything sent after it on that connection is lost: the lane ends its batch with it.
   */
  endsConnection?: boolean;
}

const TEMPLATES: Record<ClientEventName, Record<string, unknown>> = {
  'room:create': { name: 'Fuzz', color: 0x123456, roomName: 'Fuzz room', isPublic: true },
  'room:join': { code: 'ABCDE', name: 'Fuzz', color: 1, spectate: false },
  'room:quickplay': { name: 'Fuzz', color: 1 },
  'room:leave': {},
  'lobby:subscribe': {},
  'lobby:unsubscribe': {},
  'player:input': { seq: 1, buttons: 1, viewTick: 1 },
  'chat:send': { text: 'hello' },
  'time:ping': { clientTimeMs: 1 },
  'state:resync': {},
};

const EVENT_NAMES = Object.keys(TEMPLATES) as ClientEventName[];
const SPECIAL_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '',
  ' ',
  'x',
];
const UNKNOWN_EVENTS = [
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'room:destroy',
  'admin:kick',
  'player:teleport',
  'state:snapshot',
  'error',
  'ROOM:JOIN',
  'room:join ',
  '',
];

/**
 * `binary` is false where the value shares a packet with an own `__proto__` key: for binary
 * packets socket.io-client rebuilds objects by assignment, which turns such a key into a
 * prototype and silently drops it, so the server would receive a different, valid payload.
 */
function weirdValue(rng: FuzzRandom, binary = true): unknown {
  const simple = [
    NaN,
    Infinity,
    -Infinity,
    -1,
    1.5,
    -0,
    2 ** 53,
    1e308,
    -1e308,
    0xffff_ffff + 1,
    '',
    '1',
    'NaN',
    true,
    false,
    null,
    [],
    {},
    [1, 2, 3],
  ];
  const roll = rng.int(0, 9);
  if (roll < 6) return rng.pick(simple);
  if (roll === 6) return rng.text(rng.int(1, 40));
  if (roll === 7) return { [rng.pick(SPECIAL_KEYS)]: rng.pick(simple) };
  if (roll === 8 || !binary) return Array.from({ length: rng.int(1, 50) }, () => rng.pick(simple));
  return rng.bytes(rng.int(0, 64));
}

/** An object whose own key is literally `__proto__` (as JSON.parse makes it), not a prototype. */
function withOwnKey(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return target;
}

function nested(rng: FuzzRandom, depth: number): unknown {
  let value: unknown = rng.pick([1, 'x', null, []]);
  const asArray = rng.chance(0.5);
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

function huge(rng: FuzzRandom, maxBytes: number): unknown {
  // Stays under the limit with the event name and the other fields around it.
  const size = rng.int(maxBytes / 4, maxBytes - 600);
  switch (rng.int(0, 2)) {
    case 0:
      return 'x'.repeat(size);
    case 1:
      return Array.from({ length: Math.floor(size / 4) }, (_, i) => i % 10);
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(size / 12) }, (_, i) => [`k${i}`, i]),
      );
  }
}

/** Replaces, removes or adds one field of a valid template. */
function mutateField(
  rng: FuzzRandom,
  template: Record<string, unknown>,
  maxBytes: number,
): [Record<string, unknown>, string] {
  const payload: Record<string, unknown> = { ...template };
  const keys = Object.keys(payload);
  const key = keys.length > 0 ? rng.pick(keys) : 'x';
  switch (rng.int(0, 5)) {
    case 0:
      delete payload[key];
      return [payload, 'missing field'];
    case 1:
      return [
        withOwnKey(payload, rng.pick(SPECIAL_KEYS), weirdValue(rng, false)),
        'extra or special key',
      ];
    case 2:
      payload[key] = weirdValue(rng);
      return [payload, 'wrong field type'];
    case 3:
      payload[key] = huge(rng, maxBytes);
      return [payload, 'huge field'];
    case 4:
      payload[key] = nested(rng, rng.int(20, 500));
      return [payload, 'deeply nested field'];
    default:
      return [
        withOwnKey(payload, '__proto__', { ...template, admin: true }),
        '__proto__ carrying valid fields',
      ];
  }
}

function rootPayload(rng: FuzzRandom, maxBytes: number): [unknown[], string] {
  switch (rng.int(0, 4)) {
    case 0:
      return [[weirdValue(rng)], 'wrong root type'];
    case 1:
      return [[rng.bytes(rng.int(0, 256))], 'Buffer payload'];
    case 2:
      return [[new Uint8Array(rng.bytes(rng.int(1, 128))).buffer], 'ArrayBuffer payload'];
    case 3:
      return [[nested(rng, rng.int(50, 1000))], 'deeply nested root'];
    default:
      return [[huge(rng, maxBytes)], 'huge root'];
  }
}

/**
 * A binary `player:input` (binary event 2) that its decoder refuses: a length near the two
 * right ones, or a right length with a field out of range (a button bit above 4, a view-ahead
 * over 1000 ms).
 */
function badBinaryInput(rng: FuzzRandom): [Uint8Array, string] {
  if (rng.chance(0.4)) {
    const length = rng.pick([0, 1, 4, 6, 10, 12, 64]);
    return [rng.bytes(length), 'binary input of a wrong length'];
  }
  const bytes = rng.bytes(rng.chance(0.5) ? INPUT_BYTES : INPUT_WITH_VIEW_BYTES);
  if (bytes.length === INPUT_BYTES || rng.chance(0.5)) bytes[4] = rng.int(32, 255);
  else bytes[10] = rng.int(4, 255);
  return [bytes, 'binary input with a field out of range'];
}

/** Whether a binary `player:input` payload is one its decoder accepts. */
function isValidBinaryInput(payload: ArrayBuffer | ArrayBufferView): boolean {
  const bytes =
    payload instanceof ArrayBuffer
      ? new Uint8Array(payload)
      : new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  try {
    decodeInput(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What the server's JSON decoder would see (binary stays binary, so it is never valid). */
function containsBinary(value: unknown, depth = 0): boolean {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  if (depth > 1100 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => containsBinary(v, depth + 1));
}

function validOnServer(event: string, args: unknown[]): boolean {
  if (!isClientEventName(event)) return false;
  const [first] = args;
  // A binary input is read by its own decoder, not by the JSON schema.
  if (event === 'player:input' && (first instanceof ArrayBuffer || ArrayBuffer.isView(first)))
    return isValidBinaryInput(first);
  if (typeof first === 'function' || containsBinary(first)) return false;
  const wire: unknown = first === undefined ? null : JSON.parse(JSON.stringify(first) ?? 'null');
  return clientEventSchemas[event].safeParse(wire ?? {}).success;
}

function candidate(rng: FuzzRandom, maxBytes: number): EventPacket {
  const roll = rng.next();
  if (roll < 0.1) {
    const event = rng.chance(0.5) ? rng.pick(UNKNOWN_EVENTS) : rng.text(rng.int(1, 60));
    return { event, args: [weirdValue(rng)], kind: 'unknown event' };
  }
  const event = rng.pick(EVENT_NAMES);
  if (roll < 0.18) {
    const [bytes, kind] = badBinaryInput(rng);
    return { event: 'player:input', args: [bytes], kind };
  }
  if (roll < 0.4) {
    const [args, kind] = rootPayload(rng, maxBytes);
    return { event, args, kind };
  }
  if (roll < 0.43)
    return { event, args: [() => undefined], kind: 'acknowledgement callback as payload' };
  // Rare, because each one ends its connection (socket.io refuses it whole).
  if (roll < 0.435)
    return {
      event,
      args: ['y'.repeat(maxBytes + rng.int(1, 4096))],
      kind: 'over the payload limit',
      endsConnection: true,
    };
  if (roll < 0.445) {
    // More binary attachments than socket.io's parser accepts (10).
    const args = [Array.from({ length: rng.int(11, 20) }, () => rng.bytes(4))];
    return { event, args, kind: 'too many attachments', endsConnection: true };
  }
  const [payload, kind] = mutateField(rng, TEMPLATES[event], maxBytes);
  return { event, args: rng.chance(0.1) ? [payload, weirdValue(rng, false)] : [payload], kind };
}

/** One malformed event. `maxBytes` is the server's MAX_PAYLOAD_BYTES. */
export function malformedEvent(rng: FuzzRandom, maxBytes: number): EventPacket {
  for (;;) {
    const packet = candidate(rng, maxBytes);
    if (!validOnServer(packet.event, packet.args)) return packet;
  }
}

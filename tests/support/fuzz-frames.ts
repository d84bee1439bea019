/**
 * Malformed engine.io / socket.io frames, written by hand because socket.io-client cannot
 * send them: broken JSON, NaN literals, reserved event names, packets in the wrong state,
 * attachment headers that lie, unknown packet types and plain binary garbage.
 *
 * Deliberately absent: frames the protocol allows a client to send, however pointless (an
 * unsolicited pong, a namespace DISCONNECT). Packets only a server may send (open, close,
 * upgrade, noop) are included: engine.io would ignore them, the server hangs up on them.
 */
import type { FuzzRandom } from './fuzz-random.js';

export interface RawFrame {
  /** `handshake`: sent instead of the namespace CONNECT; `connected`: after it. */
  stage: 'handshake' | 'connected';
  data: string | Buffer;
  /** Sent right after `data`: the binary attachment a `45…` header announced. */
  attachment?: Buffer;
  kind: string;
}

const BROKEN_JSON = [
  '[',
  '{"a":',
  '[NaN]',
  '[Infinity]',
  '["player:input",{seq:1}]',
  '[undefined]',
  '["chat:send",\'x\']',
  '["time:ping",{"clientTimeMs":1}',
  '\u0000',
];
const NOT_AN_EVENT = ['"text"', '{}', '[]', '[null]', '[{}]', '[true]', '[["player:input"]]', '1'];
const RESERVED = [
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
];

/** Event frames that reach the gateway with a payload JSON can say but no schema accepts. */
const ANSWERED = [
  '42[123]',
  '42[-1,{"seq":1}]',
  '42["player:input",{"seq":1e999,"buttons":1}]',
  '42["player:input",{"seq":-1e999,"buttons":-1e999}]',
  '42["time:ping",{"clientTimeMs":1e999}]',
  '42["player:input",{"__proto__":{"seq":1,"buttons":1}}]',
  '42["chat:send",{"constructor":{"prototype":{"polluted":true}}}]',
  '42["room:create",{"__proto__":{"polluted":true},"name":"x"}]',
  '42["toString"]',
  '42["__proto__",{}]',
  '42["hasOwnProperty","x"]',
  '421["player:input","x"]',
  '42["room:join",{"code":"ABCDE","name":"x","spectate":"yes"}]',
];

function connectedFrame(rng: FuzzRandom): RawFrame {
  switch (rng.int(0, 11)) {
    case 0:
      return { stage: 'connected', data: `42${rng.pick(BROKEN_JSON)}`, kind: 'broken JSON' };
    case 1:
      return {
        stage: 'connected',
        data: `42${rng.pick(NOT_AN_EVENT)}`,
        kind: 'event without a name',
      };
    case 2:
      return {
        stage: 'connected',
        data: `42["${rng.pick(RESERVED)}",{}]`,
        kind: 'reserved event name',
      };
    case 3:
      return {
        stage: 'connected',
        data: `4${rng.pick(['7', '8', '9', 'x', '-', ''])}${rng.text(rng.int(0, 20))}`,
        kind: 'unknown socket.io packet type',
      };
    case 4:
      return {
        stage: 'connected',
        data: rng.pick(['40', '40{}', '44{"message":"x"}', '42/admin,["x"]', '42/,["x"]']),
        kind: 'packet in the wrong state or namespace',
      };
    case 5:
      return {
        stage: 'connected',
        data: rng.pick([
          '4511-["x",{"_placeholder":true,"num":0}]',
          '45x-["x"]',
          '45-["x"]',
          '450-["x"]',
        ]),
        kind: 'lying attachment header',
      };
    case 6:
      if (rng.chance(0.5)) {
        // A header that announces one attachment, then a text frame arrives instead.
        return {
          stage: 'connected',
          data: '451-["player:input",{"_placeholder":true,"num":0}]',
          kind: 'attachment never sent',
        };
      }
      // The attachment lands under a `__proto__` key when socket.io rebuilds the packet.
      return {
        stage: 'connected',
        data: rng.pick([
          '451-["chat:send",{"__proto__":{"_placeholder":true,"num":0},"text":"x"}]',
          '451-["player:input",{"seq":{"_placeholder":true,"num":0},"buttons":1}]',
          '451-["room:leave",{"_placeholder":true,"num":0}]',
        ]),
        attachment: rng.bytes(rng.int(0, 16)),
        kind: 'binary event with a hostile placeholder',
      };
    case 7:
      return { stage: 'connected', data: rng.bytes(rng.int(0, 300)), kind: 'binary garbage frame' };
    case 8:
      return {
        stage: 'connected',
        data:
          rng.pick(['9', 'x', '', '2', '2probe', '\u0000\u0000', '0', '1', '5', '6']) +
          rng.text(rng.int(0, 10)),
        kind: 'unknown or misdirected engine.io packet',
      };
    case 9:
      return {
        stage: 'connected',
        data: `42["chat:send",{"text":"${'z'.repeat(rng.int(9000, 20000))}"}]`,
        kind: 'frame over the payload limit',
      };
    case 10:
      return {
        stage: 'connected',
        data: `42[${'['.repeat(rng.int(1000, 3000))}`,
        kind: 'unterminated deep nesting',
      };
    default:
      return {
        stage: 'connected',
        data: rng.pick(ANSWERED),
        kind: 'well-framed event, bad payload',
      };
  }
}

function handshakeFrame(rng: FuzzRandom): RawFrame {
  const frames = [
    '40"not an object"',
    '40[]',
    '40{"protocolVersion":"1"}',
    '40{"protocolVersion":1e999}',
    '40{"__proto__":{"protocolVersion":1}}',
    '42["room:join",{}]',
    '43[]',
    `40${rng.text(10)}`,
  ];
  return { stage: 'handshake', data: rng.pick(frames), kind: 'malformed handshake' };
}

export function malformedFrame(rng: FuzzRandom): RawFrame {
  return rng.chance(0.15) ? handshakeFrame(rng) : connectedFrame(rng);
}

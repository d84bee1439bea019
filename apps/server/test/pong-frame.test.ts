/**
 * The clock-sync pong written the short way is byte for byte the event as the server's
 * socket.io parser writes it (no recovery offset: a pong is never replayed), on a WebSocket
 * (the frame) and on long-polling (the message engine.io prefixes with `4`).
 */
import { wireParser } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { framePong } from '../src/socket/pong-frame.js';

/** The `time:pong` event as the server's parser encodes it. */
function emitted(pong: { clientTimeMs: number; serverTimeMs: number }): string {
  const packet = { type: 2, nsp: '/', data: ['time:pong', pong] };
  const [message] = new wireParser.Encoder().encode(packet) as [string];
  return message;
}

/** The payload of an unmasked text frame, read by its header. */
function framePayload(frame: Buffer): string {
  expect(frame[0]).toBe(0x81);
  const length = frame[1]!;
  const start = length === 126 ? 4 : 2;
  const size = length === 126 ? frame.readUInt16BE(2) : length;
  expect(frame.length).toBe(start + size);
  return frame.subarray(start).toString('utf8');
}

describe('the clock-sync pong, framed', () => {
  it.each([
    { clientTimeMs: 1, serverTimeMs: 2 },
    { clientTimeMs: 123_456.789, serverTimeMs: 1_764_270_000_123.25 },
    { clientTimeMs: -0.5, serverTimeMs: 0 },
  ])("is the parser's own encoding of %o", (pong) => {
    const { data, options } = framePong(pong);
    expect(data).toBe(emitted(pong));
    expect(framePayload(options.wsPreEncodedFrame[0]!)).toBe(`4${emitted(pong)}`);
  });
});

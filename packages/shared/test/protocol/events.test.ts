import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import {
  clientEventSchemas,
  isClientEventName,
  serverEventSchemas,
} from '../../src/protocol/events.js';
import { ErrorPayload, ServerNoticePayload } from '../../src/protocol/schemas.js';

describe('isClientEventName', () => {
  it('accepts every client event', () => {
    for (const name of Object.keys(clientEventSchemas)) expect(isClientEventName(name)).toBe(true);
  });

  it('rejects names inherited from Object.prototype', () => {
    for (const name of ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf']) {
      expect(isClientEventName(name), name).toBe(false);
    }
  });

  it('rejects unknown names, server events, other spellings and non-strings', () => {
    for (const name of [
      '',
      'room:destroy',
      'room:joined',
      'state:snapshot',
      'error',
      'ROOM:CREATE',
      'room:create ',
      'player',
      1,
      null,
      undefined,
      {},
      ['room:create'],
    ]) {
      expect(isClientEventName(name), JSON.stringify(name)).toBe(false);
    }
  });
});

describe('event names', () => {
  it('are domain:verb (plus the reserved "error"), and never shared between directions', () => {
    const client = Object.keys(clientEventSchemas);
    const server = Object.keys(serverEventSchemas);
    for (const name of [...client, ...server.filter((n) => n !== 'error')]) {
      expect(name).toMatch(/^[a-z]+:[a-z]+$/);
    }
    expect(client.filter((n) => server.includes(n))).toEqual([]);
  });
});

describe('ErrorCode', () => {
  const codes = Object.values(ErrorCode);

  it('has distinct SCREAMING_SNAKE codes', () => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it('is what error and server:notice payloads accept, and nothing else', () => {
    for (const code of codes) {
      expect(ErrorPayload.safeParse({ code, message: 'm' }).success).toBe(true);
      expect(ServerNoticePayload.safeParse({ code, message: 'm' }).success).toBe(true);
    }
    expect(ErrorPayload.safeParse({ code: 'NOPE', message: 'm' }).success).toBe(false);
    expect(ErrorPayload.safeParse({ code: 'invalid_payload', message: 'm' }).success).toBe(false);
  });
});

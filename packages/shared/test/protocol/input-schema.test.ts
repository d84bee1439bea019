import { describe, expect, it } from 'vitest';
import { ALL_BUTTONS_MASK, Button } from '../../src/protocol/buttons.js';
import {
  PlayerInputPayload,
  RoomJoinPayload,
  TimePingPayload,
  VIEW_AHEAD_MAX_MS,
} from '../../src/protocol/schemas.js';

const ok = (payload: unknown) => PlayerInputPayload.safeParse(payload).success;

describe('player:input', () => {
  it('accepts seq and viewTick over the whole u32 range', () => {
    for (const n of [0, 1, 2 ** 31, 0xffff_ffff]) {
      expect(ok({ seq: n, buttons: 0 }), `seq ${n}`).toBe(true);
      expect(ok({ seq: 1, buttons: 0, viewTick: n }), `viewTick ${n}`).toBe(true);
    }
  });

  it('rejects negative, fractional and too large seq and viewTick', () => {
    for (const n of [-1, -0.5, 1.5, 2 ** 32, Number.MAX_SAFE_INTEGER + 2]) {
      expect(ok({ seq: n, buttons: 0 }), `seq ${n}`).toBe(false);
      expect(ok({ seq: 1, buttons: 0, viewTick: n }), `viewTick ${n}`).toBe(false);
    }
  });

  it('accepts viewAheadMs as whole milliseconds up to its bound, and nothing else', () => {
    for (const n of [0, 1, 300, VIEW_AHEAD_MAX_MS]) {
      expect(ok({ seq: 1, buttons: 0, viewTick: 5, viewAheadMs: n }), `${n}`).toBe(true);
    }
    for (const n of [-1, 0.5, VIEW_AHEAD_MAX_MS + 1, Number.NaN, '5']) {
      expect(ok({ seq: 1, buttons: 0, viewTick: 5, viewAheadMs: n }), `${n}`).toBe(false);
    }
  });

  it('accepts every button set 0..31 and nothing else', () => {
    for (let buttons = 0; buttons <= ALL_BUTTONS_MASK; buttons++) {
      expect(ok({ seq: 1, buttons })).toBe(true);
    }
    for (const buttons of [32, 64, 255, -1, 1.5, Button.Dash * 2]) {
      expect(ok({ seq: 1, buttons }), `buttons ${buttons}`).toBe(false);
    }
  });

  it('rejects numbers sent as strings', () => {
    expect(ok({ seq: '1', buttons: 0 })).toBe(false);
    expect(ok({ seq: 1, buttons: '3' })).toBe(false);
  });
});

describe('room:join code', () => {
  const join = (code: unknown) => RoomJoinPayload.safeParse({ code, name: 'Bob' }).success;

  it('accepts a code of the room-code alphabet only, upper case, five characters', () => {
    expect(join('XK7PQ')).toBe(true);
    for (const code of [
      'xk7pq',
      'XK7P',
      'XK7PQR',
      'XK7P0',
      'XK7PO',
      'XK7PI',
      'XK7P1',
      'XK7PL',
      ' XK7P',
    ]) {
      expect(join(code), code).toBe(false);
    }
  });
});

describe('color', () => {
  const create = (color: unknown) =>
    RoomJoinPayload.safeParse({ code: 'ABCDE', name: 'B', color }).success;

  it('is a 24-bit RGB integer', () => {
    expect([0, 0x123456, 0xffffff].map(create)).toEqual([true, true, true]);
    expect([-1, 0x1000000, 0.5, '#fff'].map(create)).toEqual([false, false, false, false]);
  });
});

describe('time:ping', () => {
  it('accepts any finite client time, negative and fractional included', () => {
    for (const t of [0, -5, 1.25, 1e15]) {
      expect(TimePingPayload.safeParse({ clientTimeMs: t }).success).toBe(true);
    }
  });
});

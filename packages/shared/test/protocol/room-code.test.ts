import { describe, expect, it } from 'vitest';
import {
  ROOM_CODE_ALPHABET,
  ROOM_CODE_LENGTH,
  normalizeRoomCode,
} from '../../src/protocol/room-code.js';
import { RoomCode } from '../../src/protocol/schemas.js';

describe('normalizeRoomCode', () => {
  it('upper-cases and trims what a person typed', () => {
    expect(normalizeRoomCode('xk7pq')).toBe('XK7PQ');
    expect(normalizeRoomCode('  Xk7pQ \n')).toBe('XK7PQ');
  });

  it('returns null for anything that cannot be a code', () => {
    for (const typed of [
      '',
      'XK7P',
      'XK7PQR',
      'XK 7PQ',
      'XK-7P',
      'XK7P0',
      'xk7po',
      'XK7PI',
      'XK7P1',
      'XK7PL',
      'ÉK7PQ',
      'XK7PQ\u0000',
    ]) {
      expect(normalizeRoomCode(typed), JSON.stringify(typed)).toBeNull();
    }
  });

  it('accepts every character of the alphabet, which has no look-alikes', () => {
    for (const ch of ROOM_CODE_ALPHABET) {
      expect(normalizeRoomCode(ch.repeat(ROOM_CODE_LENGTH))).toBe(ch.repeat(ROOM_CODE_LENGTH));
    }
    for (const lookAlike of '01ILO') expect(ROOM_CODE_ALPHABET).not.toContain(lookAlike);
  });

  it('gives only codes that the room:join schema accepts', () => {
    for (const typed of ['abcde', ' 23456 ', 'zzzzz']) {
      const code = normalizeRoomCode(typed);
      expect(code).not.toBeNull();
      expect(RoomCode.safeParse(code).success).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ChatSendPayload, PlayerName, RoomCreatePayload } from '../../src/protocol/schemas.js';
import {
  CHAT_MAX_LENGTH,
  NAME_MAX_LENGTH,
  ROOM_NAME_MAX_LENGTH,
  cleanText,
} from '../../src/protocol/text.js';

/** Every BMP character with the given Unicode property. */
function charactersWith(property: RegExp): string[] {
  const found: string[] = [];
  for (let code = 0; code <= 0xffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const ch = String.fromCharCode(code);
    if (property.test(ch)) found.push(ch);
  }
  return found;
}

const hex = (ch: string) => `U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

describe('cleanText', () => {
  it('removes every control character (or turns a line break or tab into a space)', () => {
    const controls = charactersWith(/\p{Cc}/u);
    expect(controls).toHaveLength(65);
    for (const ch of controls) {
      expect(['ab', 'a b'], hex(ch)).toContain(cleanText(`a${ch}b`));
    }
  });

  it('removes every bidirectional control character, overrides and isolates included', () => {
    const bidi = charactersWith(/\p{Bidi_Control}/u);
    expect(bidi.length).toBeGreaterThanOrEqual(12);
    for (const ch of bidi) expect(cleanText(`a${ch}b`), hex(ch)).toBe('ab');
  });

  it('removes zero-width spaces and byte-order marks', () => {
    expect(cleanText('\u200bA\ufeffl\u200bi')).toBe('Ali');
  });

  it('folds runs of white space and trims', () => {
    expect(cleanText('  Mary \t\n  Ann  ')).toBe('Mary Ann');
    expect(cleanText('a\u00a0\u3000b')).toBe('a b');
  });

  it('leaves ordinary text of any script alone', () => {
    for (const text of ['Zoë', 'Łukasz', 'محمد', ' 名前 '.trim(), '😀 gg', '<b>hi</b> & "q"']) {
      expect(cleanText(text)).toBe(text);
    }
  });

  it('defeats a bidi override spoof', () => {
    // U+202E would show "evil\u202Egpj.exe" as "evilexe.jpg".
    expect(cleanText('evil\u202egpj.exe')).toBe('evilgpj.exe');
  });
});

describe('names, chat and room names in payloads', () => {
  it('are cleaned on parse', () => {
    expect(PlayerName.parse('\u0000 Bob\u202e\u0007 ')).toBe('Bob');
    expect(ChatSendPayload.parse({ text: 'hi\u2066 there\r\n' })).toEqual({ text: 'hi there' });
    const created = RoomCreatePayload.parse({ name: 'A', roomName: '\u202dFun\u202c room' });
    expect(created.roomName).toBe('Fun room');
  });

  it('are refused when nothing printable is left', () => {
    for (const empty of ['', '   ', '\u0000\u0001', '\u202e\u200b', '\n\t']) {
      expect(PlayerName.safeParse(empty).success, JSON.stringify(empty)).toBe(false);
      expect(ChatSendPayload.safeParse({ text: empty }).success).toBe(false);
    }
  });

  const limits = [
    ['name', NAME_MAX_LENGTH, (s: string) => PlayerName.safeParse(s).success],
    ['chat', CHAT_MAX_LENGTH, (s: string) => ChatSendPayload.safeParse({ text: s }).success],
    [
      'room name',
      ROOM_NAME_MAX_LENGTH,
      (s: string) => RoomCreatePayload.safeParse({ name: 'A', roomName: s }).success,
    ],
  ] as const;

  for (const [what, max, accepts] of limits) {
    it(`bound a ${what} to ${max} characters after cleaning`, () => {
      expect(accepts('x'.repeat(max))).toBe(true);
      expect(accepts('x'.repeat(max + 1))).toBe(false);
      // Control characters do not count towards the limit...
      expect(accepts(`${'\u0000'.repeat(max)}${'x'.repeat(max)}`)).toBe(true);
      // ...but the raw string is bounded too, so a huge one is refused before it is cleaned.
      expect(accepts(`${'\u0000'.repeat(max * 4)}x`)).toBe(false);
    });
  }
});

/**
 * Plain-text rules for names and chat. Text is never interpreted as HTML anywhere; these
 * rules only remove what a terminal or a canvas would mangle (control and bidi-override
 * characters) and fold runs of white space.
 */
// C0/C1 controls, zero-width characters and every bidi control (U+061C, the Arabic letter
// mark, is one too: it can reorder a name as well as the overrides can).
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function cleanText(raw: string): string {
  // Line breaks and tabs become spaces first, so 'a\nb' stays two words.
  return raw
    .replace(/[\t\n\r\v\f]/g, ' ')
    .replace(UNPRINTABLE, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const NAME_MAX_LENGTH = 20;
export const CHAT_MAX_LENGTH = 200;
export const ROOM_NAME_MAX_LENGTH = 32;

/**
 * Room codes: short, upper case, from an alphabet without look-alikes (no 0/O, 1/I/L), so a
 * code read aloud or typed on a phone still works.
 */
export const ROOM_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ROOM_CODE_LENGTH = 5;

const ROOM_CODE_PATTERN = new RegExp(`^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_LENGTH}}$`);

/** Upper-cases and trims what a person typed; returns null when it cannot be a code. */
export function normalizeRoomCode(typed: string): string | null {
  const code = typed.trim().toUpperCase();
  return ROOM_CODE_PATTERN.test(code) ? code : null;
}

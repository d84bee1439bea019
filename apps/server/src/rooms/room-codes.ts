/** Picks unused room codes from the shared unambiguous alphabet. */
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from '@arena/shared/protocol';
import { randomInt } from 'node:crypto';

export function generateRoomCode(isTaken: (code: string) => boolean): string {
  // 31^5 ≈ 28.6 million codes: collisions are rare, and a busy server just tries again.
  for (;;) {
    let code = '';
    for (let i = 0; i < ROOM_CODE_LENGTH; i++) {
      code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
    }
    if (!isTaken(code)) return code;
  }
}

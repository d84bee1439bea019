/**
 * Attacks on the rooms themselves, from one address (or the few a trusted proxy forwards):
 * taking every room by creating one, dropping and creating again, and finding private rooms by
 * trying codes as fast as connections allow.
 */
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from '@arena/shared/protocol';
import { type Attack, type AttackTally, type AttackTarget, count, repeatFor } from './attack.js';
import { connectFrame, connectOutcome, eventFrame, openEngine } from './engine-socket.js';
import type { RawTcp } from './raw-tcp.js';

/** Opens a joined connection from the address the attacker claims, if the target trusts it. */
async function joinedConnection(target: AttackTarget): Promise<RawTcp | undefined> {
  const headers = target.forwardedFor ? { 'x-forwarded-for': target.forwardedFor } : undefined;
  const raw = await openEngine(target, headers ? { headers } : {});
  if (!raw) return undefined;
  raw.sendTexts([connectFrame()]);
  if ((await connectOutcome(raw)) === 'accepted') return raw;
  raw.destroy();
  return undefined;
}

/** The answers (room:joined or an error code) among the texts received since `from`. */
function answersSince(raw: RawTcp, from: number): string[] {
  const answers: string[] = [];
  for (const text of raw.texts.slice(from)) {
    if (text.startsWith('42["room:joined"')) answers.push('joined');
    const error = /^42\["error",\{"code":"([A-Z_]+)"/.exec(text);
    if (error) answers.push(error[1]!);
  }
  return answers;
}

/** Create a private room, drop the connection, repeat: each room is held by its seat's token. */
export const roomHoarder: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  await repeatFor(durationMs, 2, async () => {
    const raw = await joinedConnection(target);
    if (!raw) return count(tally, 'refused');
    const from = raw.texts.length;
    raw.sendTexts([eventFrame('room:create', { name: 'Hoarder', isPublic: false })]);
    await raw.until(() => answersSince(raw, from).length > 0).catch(() => undefined);
    count(tally, answersSince(raw, from)[0] ?? 'no-answer');
    raw.destroy();
  });
  return tally;
};

function randomCode(): string {
  let code = '';
  for (let i = 0; i < ROOM_CODE_LENGTH; i++)
    code += ROOM_CODE_ALPHABET[Math.floor(Math.random() * ROOM_CODE_ALPHABET.length)];
  return code;
}

/** Guesses per connection before it is dropped for a fresh one (the per-socket burst). */
const GUESSES_PER_CONNECTION = 6;

/**
 * Joins by random codes on many connections at once, each used for its per-socket burst and
 * dropped; counts the answers (`joined` is a room found).
 */
export const codeGuesser: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  await repeatFor(durationMs, 8, async () => {
    const raw = await joinedConnection(target);
    if (!raw) return count(tally, 'refused');
    const from = raw.texts.length;
    const guesses = Array.from({ length: GUESSES_PER_CONNECTION }, () =>
      eventFrame('room:join', { code: randomCode(), name: 'Guesser' }),
    );
    raw.sendTexts(guesses);
    await raw
      .until(() => answersSince(raw, from).length >= GUESSES_PER_CONNECTION, 2000)
      .catch(() => undefined);
    for (const answer of answersSince(raw, from)) count(tally, answer);
    raw.destroy();
  });
  return tally;
};

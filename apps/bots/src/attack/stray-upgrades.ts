/**
 * Upgrade requests for paths nobody serves, some of them one character away from the game's
 * own (`/socket.io` without its slash, `/socket.iox`): each must be answered with a 404 and its
 * socket closed within a second, never left hanging.
 */
import { type Attack, type AttackTally, count, repeatFor } from './attack.js';
import { RawTcp } from './raw-tcp.js';

export const STRAY_PATHS = [
  '/socket.io',
  '/socket.io?EIO=4&transport=websocket',
  '/socket.iox/?EIO=4&transport=websocket',
  '/socket.io-admin/',
  '/echo/',
  '/echoes',
  '/',
  '/metrics',
];

/** How long the server may take to answer and close. */
export const STRAY_ANSWER_MS = 1000;

export const strayUpgrades: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  let next = 0;
  await repeatFor(durationMs, 2, async () => {
    const path = STRAY_PATHS[next++ % STRAY_PATHS.length]!;
    const started = performance.now();
    const raw = RawTcp.open(target.port, { path });
    // It keeps reading, never closes by itself: only the server can end this.
    const closed = await raw.closed(STRAY_ANSWER_MS).then(
      () => true,
      () => false,
    );
    const status = raw.statusLine.split(' ')[1] ?? 'none';
    count(tally, closed ? `${status}-closed` : `${status}-still-open`);
    count(tally, 'slowest-ms', 0);
    tally['slowest-ms'] = Math.max(tally['slowest-ms']!, Math.round(performance.now() - started));
    raw.destroy();
  });
  return tally;
};

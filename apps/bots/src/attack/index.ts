/** Hostile clients: what the hostile-client tests and `npm run attack` throw at a server. */
export { clientFrame, RawTcp, type RawTcpOptions } from './raw-tcp.js';
export {
  count,
  repeatFor,
  sleep,
  type Attack,
  type AttackTally,
  type AttackTarget,
} from './attack.js';
export { connectFrame, eventFrame, openEngine } from './engine-socket.js';
export { handshakeAbuse } from './handshake-abuse.js';
export { STRAY_ANSWER_MS, STRAY_PATHS, strayUpgrades } from './stray-upgrades.js';
export { echoCrowd, echoFlood, echoNonReader, echoOversize } from './echo-abuse.js';
export { fragmentFlood, namespaceFlood, pongFlood, webSocketPingFlood } from './packet-flood.js';
export { codeGuesser, roomHoarder } from './room-abuse.js';
export { slowPoller, slowReader } from './slow-reader.js';
export { silentSockets } from './silent-sockets.js';

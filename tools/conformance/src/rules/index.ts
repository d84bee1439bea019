/**
 * Every rule the suite runs, in order. One file per rule: when PROTOCOL.md changes, the rule
 * that checks the changed sentence is easy to find, and a new rule is one file and one line here.
 */
import type { Rule } from '../rule.js';
import { badPayloads } from './bad-payloads.js';
import { binaryInputs } from './binary-inputs.js';
import { chat } from './chat.js';
import { checkOrder } from './check-order.js';
import { handshakeAuthStrict } from './handshake-auth-strict.js';
import { handshakeVersion } from './handshake-version.js';
import { inputsAndSnapshots } from './inputs-and-snapshots.js';
import { invalidFrame } from './invalid-frame.js';
import { longPolling } from './long-polling.js';
import { pauseAndRecover } from './pause-and-recover.js';
import { pollingPayloadLimit } from './polling-payload-limit.js';
import { reconnect } from './reconnect.js';
import { rooms } from './rooms.js';
import { spectate } from './spectate.js';
import { timePing } from './time-ping.js';

export const RULES: readonly Rule[] = [
  handshakeVersion,
  handshakeAuthStrict,
  invalidFrame,
  timePing,
  rooms,
  badPayloads,
  checkOrder,
  inputsAndSnapshots,
  binaryInputs,
  chat,
  spectate,
  reconnect,
  longPolling,
  pollingPayloadLimit,
  pauseAndRecover,
];

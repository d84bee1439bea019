/**
 * The part of `window.__arena` about the netcode: what the Net HUD shows, the seqs sent and
 * acknowledged, the simulated link, the coins as drawn. Getters only, plain copies.
 */
import type { ArenaClient } from '../game/arena-client.js';
import { ConnectionStatus } from '../net/game-connection.js';
import type { ArenaTestNet, ArenaTestView } from './arena-test-view.js';

type NetView = Pick<
  ArenaTestView,
  'net' | 'lastAckedSeq' | 'lastSentSeq' | 'inputsSent' | 'link' | 'coins'
>;

function netOf(client: ArenaClient): ArenaTestNet | null {
  const hud = client.netHud();
  const net = client.session?.net;
  if (!hud || !net) return null;
  return Object.freeze({
    rttMs: hud.rttMs ?? null,
    jitterMs: hud.jitterMs,
    serverTickRateHz: hud.serverTickRateHz,
    snapshotsPerSecond: hud.snapshotsPerSecond,
    interpDelayMs: hud.interpolationDelayMs,
    othersBehindServerMs: hud.othersBehindServerMs ?? null,
    extrapolations: hud.extrapolations,
    bufferDepth: hud.bufferDepth,
    underruns: hud.underruns,
    corrections: net.predictor?.stats.corrections ?? 0,
    correctionsPerSecond: hud.correctionsPerSecond,
    correctionPx: hud.correctionPx,
    bytesInPerSecond: hud.bytesInPerSecond,
    bytesOutPerSecond: hud.bytesOutPerSecond,
    transport: hud.transport,
    clockOffsetMs: net.clockSync.offsetMs,
    pendingInputs: net.predictor?.pendingCount ?? 0,
    streams: client.mirrorConnection?.state.status === ConnectionStatus.Open ? 2 : 1,
    mirrorFirstCopies: client.net.mirrorStats.firstCopies,
    pickups: Object.freeze({ ...net.pickups.stats }),
  });
}

export function netView(client: ArenaClient): NetView {
  return {
    get net() {
      return netOf(client);
    },
    get lastAckedSeq() {
      return client.net.lastAckedSeq;
    },
    get lastSentSeq() {
      return client.net.lastSentSeq;
    },
    get inputsSent() {
      return client.net.inputsSent;
    },
    get link() {
      const link = client.connection.link;
      if (!link) return null;
      const { latencyMs, jitterMs, stallPercent } = link;
      return Object.freeze({ lagMs: latencyMs, jitterMs, stallPercent });
    },
    get coins() {
      const coins = client.frame?.coins ?? [];
      return Object.freeze(coins.map(({ id, x, y }) => Object.freeze({ id, x, y })));
    },
  };
}

/** Turns one run's clients and server into the numbers netlab prints. */
import type { LabClient } from './lab-client.js';
import type { SeenHit } from './client-metrics.js';
import type { LabServer, ServerHit } from './lab-server.js';
import type { LabOptions } from './run-lab.js';
import { max, mean, percentile, sum } from '@arena/devkit';

export interface HitResult {
  /** Dash hits the attacker saw on its own screen. */
  seen: number;
  /** Of those, the ones the server also judged a hit. */
  landed: number;
  rate: number;
  /** Seen while the attacker's own predicted position was exactly the server's: the hits lag
   * compensation answers for. The others were seen from a mispredicted position (bumped, or
   * an input that arrived after its slot). */
  seenExact: number;
  landedExact: number;
  rateExact: number;
}

export interface LabResult {
  profile: string;
  /** The profile's one-way base latency (ms): what "drawn behind the server" is judged by. */
  oneWayLatencyMs: number;
  seconds: number;
  players: number;
  fps: number;
  /** Frames from the frame a key is first held to the frame the player visibly moves (max). */
  inputToScreenFrames: number;
  correctionsPerSecond: number;
  correctionP99Px: number;
  visibleCorrectionP99PxPerFrame: number;
  visibleCorrectionMaxPxPerFrame: number;
  /** Quiet phase, every input on time: the netcode's own error. */
  steadyStateErrorP99Px: number;
  steadyStateErrorMaxPx: number;
  /** Quiet phase, all reconciles: share with any error (a stall swallowed a key change, or a
   * stall carried a player into another). */
  quietErrorShare: number;
  quietErrorP99Px: number;
  remoteJumpP99: number;
  remoteJumpMax: number;
  interpDelayMeanMs: number;
  interpDelayMaxMs: number;
  /** How far behind the true server time others are drawn (transit + delay). */
  viewLagMeanMs: number;
  /** Times the render clock passed the newest snapshot and extrapolation took over. */
  dryRunsPerMinute: number;
  /** Times extrapolation ran out as well and players were held still. */
  underrunsPerMinute: number;
  /** Extrapolated position − truth when the truth arrived, per player and dry spell (px). */
  extrapolationErrorP99Px: number;
  extrapolationErrorMaxPx: number;
  /** Fastest the glide back after an extrapolation moved a player in one frame (px). */
  glideMaxPxPerFrame: number;
  clockErrorAt2sMaxMs: number;
  /** The same with every packet of the client's links a sample: the information there was. */
  clockBracketErrorAt2sMaxMs: number;
  hits: HitResult;
  bytesInPerSecond: number;
  bytesOutPerSecond: number;
  inputsGuessedShare: number;
  /** Mean time an input that ran on its own slot sat at the server: the buffer, as played (ms). */
  inputWaitMeanMs: number;
  pickups: { predicted: number; confirmed: number; rolledBack: number };
}

/** A hit the attacker saw counts as landed if the server judged one within that dash. */
const HIT_SEQ_BEFORE = 2;
const HIT_SEQ_AFTER = 8;

function landedHit(hit: SeenHit, unmatched: ServerHit[]): boolean {
  const index = unmatched.findIndex(
    (h) =>
      h.attackerId === hit.attackerId &&
      hit.victimIds.includes(h.victimId) &&
      h.attackerSeq >= hit.seq - HIT_SEQ_BEFORE &&
      h.attackerSeq <= hit.seq + HIT_SEQ_AFTER,
  );
  if (index >= 0) unmatched.splice(index, 1);
  return index >= 0;
}

/** Did the attacker see itself exactly where the server judged it on that slot? */
function predictedExactly(hit: SeenHit, server: LabServer): boolean {
  const judged = server.judgedAt.get(hit.attackerId)?.get(hit.seq);
  return judged !== undefined && judged.x === hit.attacker.x && judged.y === hit.attacker.y;
}

export function matchHits(clients: LabClient[], server: LabServer): HitResult {
  const unmatched = [...server.hits];
  const r = { seen: 0, landed: 0, seenExact: 0, landedExact: 0 };
  for (const hit of clients.flatMap((c) => c.metrics.seenHits)) {
    const landed = landedHit(hit, unmatched);
    const exact = predictedExactly(hit, server);
    r.seen += 1;
    r.landed += landed ? 1 : 0;
    r.seenExact += exact ? 1 : 0;
    r.landedExact += exact && landed ? 1 : 0;
  }
  return {
    ...r,
    rate: r.seen === 0 ? 1 : r.landed / r.seen,
    rateExact: r.seenExact === 0 ? 1 : r.landedExact / r.seenExact,
  };
}

function pickupTotals(clients: LabClient[]): LabResult['pickups'] {
  const all = clients.map((c) => c.netcode.pickups.stats);
  return {
    predicted: sum(all.map((s) => s.predicted)),
    confirmed: sum(all.map((s) => s.confirmed)),
    rolledBack: sum(all.map((s) => s.rolledBack)),
  };
}

type Metrics = LabClient['metrics'];

function gather<T>(clients: LabClient[], pick: (m: Metrics) => T[]): T[] {
  return clients.flatMap((c) => pick(c.metrics));
}

/** Everything about our own player: prediction, corrections, input-to-screen. */
function selfMetrics(clients: LabClient[], clientSeconds: number) {
  const quiet = gather(clients, (m) => m.quietErrors);
  const quietAll = [...quiet, ...gather(clients, (m) => m.quietErrorsDisturbed)];
  const visible = gather(clients, (m) => m.visibleSteps);
  const corrections = sum(clients.map((c) => c.netcode.predictor?.stats.corrections ?? 0));
  return {
    inputToScreenFrames: max(gather(clients, (m) => m.probeFrames)),
    correctionsPerSecond: corrections / clientSeconds,
    correctionP99Px: percentile(
      gather(clients, (m) => m.correctionSizes),
      0.99,
    ),
    visibleCorrectionP99PxPerFrame: percentile(visible, 0.99),
    visibleCorrectionMaxPxPerFrame: max(visible),
    steadyStateErrorP99Px: percentile(quiet, 0.99),
    steadyStateErrorMaxPx: max(quiet),
    quietErrorShare:
      quietAll.length === 0 ? 0 : quietAll.filter((e) => e > 0).length / quietAll.length,
    quietErrorP99Px: percentile(quietAll, 0.99),
  };
}

/** Everything about the others and the link: smoothness, delay, underruns, clock. */
function remoteMetrics(clients: LabClient[], clientSeconds: number) {
  const ratios = gather(clients, (m) => m.remoteRatios);
  const delays = gather(clients, (m) => m.delays);
  const interpolation = clients.map((c) => c.netcode.interpolation.stats);
  const underruns = sum(interpolation.map((s) => s.underruns));
  const errors = gather(clients, (m) => m.extrapolationErrors);
  return {
    remoteJumpP99: percentile(ratios, 0.99),
    remoteJumpMax: max(ratios),
    interpDelayMeanMs: mean(delays),
    interpDelayMaxMs: max(delays),
    viewLagMeanMs: mean(gather(clients, (m) => m.viewLags)),
    dryRunsPerMinute: (sum(interpolation.map((s) => s.dryRuns)) * 60) / clientSeconds,
    underrunsPerMinute: (underruns * 60) / clientSeconds,
    extrapolationErrorP99Px: percentile(errors, 0.99),
    extrapolationErrorMaxPx: max(errors),
    glideMaxPxPerFrame: max(gather(clients, (m) => m.glideSteps)),
    clockErrorAt2sMaxMs: max(clients.map((c) => c.metrics.clockErrorAt2sMs ?? Infinity)),
    clockBracketErrorAt2sMaxMs: max(
      clients.map((c) => c.metrics.clockBracketErrorAt2sMs ?? Infinity),
    ),
    bytesInPerSecond: sum(clients.map((c) => c.bytesIn)) / clientSeconds,
    bytesOutPerSecond: sum(clients.map((c) => c.bytesOut)) / clientSeconds,
  };
}

export function summarize(o: LabOptions, server: LabServer, clients: LabClient[]): LabResult {
  const clientSeconds = sum(clients.map((c) => o.seconds - c.joinAtMs / 1000));
  const slots = [...server.slots.values()].map((s) => s.stats);
  const spent = sum(slots.map((s) => s.applied + s.guessed));
  return {
    profile: o.profile.name,
    oneWayLatencyMs: o.profile.latencyMs,
    seconds: o.seconds,
    players: o.players,
    fps: o.fps,
    ...selfMetrics(clients, clientSeconds),
    ...remoteMetrics(clients, clientSeconds),
    hits: matchHits(clients, server),
    inputsGuessedShare: sum(slots.map((s) => s.guessed)) / Math.max(1, spent),
    inputWaitMeanMs: mean(server.inputWaitsMs),
    pickups: pickupTotals(clients),
  };
}

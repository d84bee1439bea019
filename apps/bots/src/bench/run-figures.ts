/**
 * One run's measurements turned into the figures the bench reports, all per client and per
 * second over the measuring window. Pure: the numbers in, the figures out.
 */
import {
  histogramPercentile,
  max,
  mergeHistogramInto,
  emptyHistogram,
  percentile,
  sum,
} from '@arena/devkit';
import type { BotWindow } from './fleet/fleet-messages.js';
import { busyCores, type MachineSample, type ProcessSample } from './process-probe.js';
import { bucketsBetween, histogramQuantile } from './server-metrics.js';
import type { ServerCounters, SystemName } from './systems.js';

/**
 * Below this many clients "cores per 1,000 clients" is left out: the server's fixed costs
 * (timers, GC, metrics) weigh too much in a small run for a straight extrapolation.
 */
export const MIN_CLIENTS_PER_THOUSAND = 200;

export interface RunMeasurements {
  system: SystemName;
  inputBufferMs: number;
  server: { before: ProcessSample; after: ProcessSample };
  counters: { before: ServerCounters; after: ServerCounters };
  machine: { before: MachineSample; after: MachineSample };
  bots: BotWindow[];
}

/** Every figure of a run; null where there was nothing to measure. */
export interface RunFigures {
  clients: number;
  rooms: number;
  seconds: number;
  serverCores: number;
  serverCoresPerClient: number;
  serverCoresPer1000: number | null;
  serverRssMb: number;
  serverLoopLagP99Ms: number;
  /** Everything the server wrote to its sockets (frames, headers, pongs, heartbeats). */
  bytesOutPerClientPerS: number;
  bytesInPerClientPerS: number;
  /** The snapshots' own bytes, as the bots decoded them. */
  snapshotBytesPerClientPerS: number;
  snapshotsPerClientPerSMean: number;
  snapshotsPerClientPerSMin: number;
  snapshotsPerClientPerSP1: number;
  inputsPerClientPerS: number;
  inputsDroppedPercent: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  inputBufferMs: number;
  ackP50BeyondBufferMs: number | null;
  ackP99BeyondBufferMs: number | null;
  /**
   * How long inputs that ran waited at the server, from arrival to their tick: the server's
   * share of input→ack (the ack leaves with that tick's snapshot), with none of the bots'
   * own delay in it, which input→ack as the bots see it carries on a saturated machine.
   */
  inputWaitP50Ms: number | null;
  inputWaitP99Ms: number | null;
  inputWaitP50BeyondBufferMs: number | null;
  inputWaitP99BeyondBufferMs: number | null;
  tickP50Ms: number | null;
  tickP99Ms: number | null;
  botProcesses: number;
  botCores: number;
  botCoresPerClient: number;
  botLoopLagP99Ms: number;
  botLoopLagMaxMs: number;
  botUtilization: number;
  machineCores: number;
  machineBusyCores: number;
  /** Busy cores not used by this run's server or bots: the rest of the machine's load. */
  otherCores: number;
  loadAverage1m: number;
}

const ms = (seconds: number | null) => (seconds === null ? null : seconds * 1000);
const minus = (a: number | null, b: number) => (a === null ? null : a - b);

function serverFigures(m: RunMeasurements, clients: number) {
  const { before, after } = m.server;
  const seconds = (after.atMs - before.atMs) / 1000;
  const cores = (after.cpuSeconds - before.cpuSeconds) / seconds;
  const perClient = (value: number) => value / seconds / clients;
  const ticks = bucketsBetween(m.counters.before.tickBuckets, m.counters.after.tickBuckets);
  const { before: early, after: late } = m.counters;
  const waits = bucketsBetween(early.inputWaitBuckets, late.inputWaitBuckets);
  const inputWaitP50Ms = ms(histogramQuantile(waits, 0.5));
  const inputWaitP99Ms = ms(histogramQuantile(waits, 0.99));
  return {
    seconds,
    serverCores: cores,
    serverCoresPerClient: cores / clients,
    serverCoresPer1000: clients >= MIN_CLIENTS_PER_THOUSAND ? (cores / clients) * 1000 : null,
    serverRssMb: after.rssBytes / 2 ** 20,
    serverLoopLagP99Ms: m.counters.after.eventLoopLagP99Ms,
    bytesOutPerClientPerS: perClient(after.writtenBytes - before.writtenBytes),
    bytesInPerClientPerS: perClient(after.readBytes - before.readBytes),
    tickP50Ms: ms(histogramQuantile(ticks, 0.5)),
    tickP99Ms: ms(histogramQuantile(ticks, 0.99)),
    inputWaitP50Ms,
    inputWaitP99Ms,
    inputWaitP50BeyondBufferMs: minus(inputWaitP50Ms, m.inputBufferMs),
    inputWaitP99BeyondBufferMs: minus(inputWaitP99Ms, m.inputBufferMs),
  };
}

function clientFigures(m: RunMeasurements, clients: number) {
  const { bots } = m;
  const rates = bots.flatMap((w) => w.snapshotsPerBot.map((n) => n / w.seconds));
  const seconds = max(bots.map((w) => w.seconds)) || 1;
  const latency = bots.reduce((h, w) => mergeHistogramInto(h, w.ackLatency), emptyHistogram());
  const ackP50Ms = histogramPercentile(latency, 0.5);
  const ackP99Ms = histogramPercentile(latency, 0.99);
  const inputs = sum(bots.map((w) => w.inputsSent));
  const dropped = m.counters.after.inputsDropped - m.counters.before.inputsDropped;
  return {
    snapshotBytesPerClientPerS: sum(bots.map((w) => w.snapshotBytes)) / seconds / clients,
    snapshotsPerClientPerSMean: rates.length === 0 ? 0 : sum(rates) / rates.length,
    snapshotsPerClientPerSMin: rates.length === 0 ? 0 : Math.min(...rates),
    snapshotsPerClientPerSP1: percentile(rates, 0.01),
    inputsPerClientPerS: inputs / seconds / clients,
    inputsDroppedPercent: inputs === 0 ? 0 : (100 * dropped) / inputs,
    ackP50Ms,
    ackP99Ms,
    inputBufferMs: m.inputBufferMs,
    ackP50BeyondBufferMs: minus(ackP50Ms, m.inputBufferMs),
    ackP99BeyondBufferMs: minus(ackP99Ms, m.inputBufferMs),
  };
}

function loadFigures(m: RunMeasurements, clients: number, serverCores: number) {
  const { bots } = m;
  const seconds = max(bots.map((w) => w.seconds)) || 1;
  const botCores = sum(bots.map((w) => w.cpuSeconds)) / seconds;
  const machineBusyCores = busyCores(m.machine.before, m.machine.after);
  return {
    botProcesses: bots.length,
    botCores,
    botCoresPerClient: botCores / clients,
    botLoopLagP99Ms: max(bots.map((w) => w.eventLoopLagP99Ms)),
    botLoopLagMaxMs: max(bots.map((w) => w.eventLoopLagMaxMs)),
    botUtilization: max(bots.map((w) => w.eventLoopUtilization)),
    machineCores: m.machine.after.cores,
    machineBusyCores,
    otherCores: Math.max(0, machineBusyCores - serverCores - botCores),
    loadAverage1m: m.machine.after.loadAverage1m,
  };
}

export function runFigures(m: RunMeasurements): RunFigures {
  const seated = sum(m.bots.map((w) => w.snapshotsPerBot.length));
  const clients = Math.max(1, seated);
  const server = serverFigures(m, clients);
  return {
    clients: seated,
    rooms: m.counters.after.rooms,
    ...server,
    ...clientFigures(m, clients),
    ...loadFigures(m, clients, server.serverCores),
  };
}

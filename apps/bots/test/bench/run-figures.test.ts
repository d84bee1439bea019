import { emptyHistogram, recordInto } from '@arena/devkit';
import { describe, expect, it } from 'vitest';
import type { BotWindow } from '../../src/bench/fleet/fleet-messages.js';
import { runFigures, type RunMeasurements } from '../../src/bench/run-figures.js';
import type { ServerCounters } from '../../src/bench/systems.js';

function botWindow(snapshotsPerBot: number[], latenciesMs: number[]): BotWindow {
  const ackLatency = emptyHistogram();
  for (const ms of latenciesMs) recordInto(ackLatency, ms);
  return {
    seconds: 10,
    snapshotsPerBot,
    snapshotBytes: snapshotsPerBot.length * 300 * 250,
    inputsSent: snapshotsPerBot.length * 300,
    ackLatency,
    cpuSeconds: 2,
    eventLoopUtilization: 0.5,
    eventLoopLagP99Ms: 4,
    eventLoopLagMaxMs: 9,
    drops: {},
    errors: {},
  };
}

const counters = (inputsDropped: number, ticks: number): ServerCounters => ({
  clients: 4,
  rooms: 1,
  tickBuckets: [
    { le: 0.0001, count: ticks },
    { le: 0.001, count: ticks * 2 },
    { le: Infinity, count: ticks * 2 },
  ],
  // Inputs waited 60–70 ms (half of them) or 70–80 ms at the server.
  inputWaitBuckets: [
    { le: 0.06, count: 0 },
    { le: 0.07, count: ticks },
    { le: 0.08, count: ticks * 2 },
    { le: Infinity, count: ticks * 2 },
  ],
  inputsDropped,
  eventLoopLagP99Ms: 1.5,
});

function measurements(clientsPerWindow: number[][]): RunMeasurements {
  const proc = (atMs: number, cpuSeconds: number, writtenBytes: number) => ({
    atMs,
    cpuSeconds,
    rssBytes: 64 * 2 ** 20,
    writtenBytes,
    readBytes: writtenBytes / 10,
  });
  const machine = (atMs: number, busyTicks: number, totalTicks: number) => ({
    atMs,
    cores: 2,
    busyTicks,
    totalTicks,
    loadAverage1m: 1.2,
  });
  return {
    system: 'arena',
    inputBufferMs: 66.7,
    server: { before: proc(0, 10, 0), after: proc(10_000, 11, 4 * 10 * 8000) },
    counters: { before: counters(0, 0), after: counters(24, 300) },
    // 2000 ticks over 2 cores in 10 s: 1.5 cores busy.
    machine: { before: machine(0, 0, 0), after: machine(10_000, 1500, 2000) },
    bots: clientsPerWindow.map((snapshots) => botWindow(snapshots, [80, 90, 100, 190])),
  };
}

describe('run figures', () => {
  const f = runFigures(
    measurements([
      [300, 300],
      [300, 200],
    ]),
  );

  it('count per client and per second over the window', () => {
    expect(f.clients).toBe(4);
    expect(f.serverCores).toBeCloseTo(0.1);
    expect(f.serverCoresPerClient).toBeCloseTo(0.025);
    expect(f.bytesOutPerClientPerS).toBeCloseTo(8000);
    expect(f.snapshotBytesPerClientPerS).toBeCloseTo(7500);
    expect(f.inputsPerClientPerS).toBeCloseTo(30);
    expect(f.inputsDroppedPercent).toBeCloseTo(2);
  });

  it('find the slowest client, not only the mean', () => {
    expect(f.snapshotsPerClientPerSMin).toBe(20);
    expect(f.snapshotsPerClientPerSP1).toBe(20);
    expect(f.snapshotsPerClientPerSMean).toBeCloseTo(27.5);
  });

  it('subtract the deliberate input buffer from input→ack, and show both', () => {
    expect(f.ackP50Ms).toBeCloseTo(90.25);
    expect(f.ackP50BeyondBufferMs).toBeCloseTo(90.25 - 66.7);
    expect(f.ackP99Ms).toBeCloseTo(190);
    expect(f.inputBufferMs).toBe(66.7);
  });

  it("give the server's share of input→ack: how long inputs waited there, beyond the buffer too", () => {
    expect(f.inputWaitP50Ms).toBeCloseTo(70);
    expect(f.inputWaitP99Ms).toBeCloseTo(79.8);
    expect(f.inputWaitP50BeyondBufferMs).toBeCloseTo(70 - 66.7);
  });

  it('give the tick quantiles of the window and leave per-1,000 out below 200 clients', () => {
    expect(f.tickP50Ms).toBeCloseTo(0.1);
    expect(f.tickP99Ms).toBeGreaterThan(0.1);
    expect(f.serverCoresPer1000).toBeNull();
  });

  it("split the machine's busy cores into this run's and everyone else's", () => {
    expect(f.machineBusyCores).toBeCloseTo(1.5);
    expect(f.botCores).toBeCloseTo(0.4);
    expect(f.otherCores).toBeCloseTo(1.5 - 0.1 - 0.4);
    expect(f.botLoopLagP99Ms).toBe(4);
  });
});

import { describe, expect, it } from 'vitest';
import { NetStats } from '../../src/netcode/net-stats.js';
import { RollingWindow } from '../../src/netcode/rolling-window.js';

const live = {
  rttMs: 80,
  jitterMs: 3,
  interpolationDelayMs: 67,
  othersBehindServerMs: 120,
  bufferDepth: 2,
  extrapolations: 0,
  underruns: 0,
  transport: 'websocket',
};

describe('RollingWindow', () => {
  it('keeps only the last window', () => {
    const w = new RollingWindow(1000);
    w.add(0, 5);
    w.add(500, 7);
    expect(w.sum(900)).toBe(12);
    expect(w.sum(1200)).toBe(7);
    expect(w.max(1200)).toBe(7);
    expect(w.count(2000)).toBe(0);
    expect(w.mean(2000)).toBe(0);
  });
});

describe('NetStats', () => {
  it('turns events into per-second rates for the HUD', () => {
    const stats = new NetStats(1000);
    for (let i = 0; i < 30; i++) stats.recordSnapshot(i * 33.3, 100 + i, 200);
    for (let i = 0; i < 30; i++) stats.recordBytesOut(i * 33.3, 40);
    stats.recordCorrection(500, 4);
    stats.recordCorrection(600, 0);
    stats.recordCorrection(700, 8);
    const hud = stats.read(999, live);
    expect(hud.snapshotsPerSecond).toBe(30);
    expect(hud.serverTickRateHz).toBe(29);
    expect(hud.bytesInPerSecond).toBe(6000);
    expect(hud.bytesOutPerSecond).toBe(1200);
    expect(hud.correctionsPerSecond).toBe(2);
    expect(hud.correctionPx).toBe(6);
    expect(hud.maxCorrectionPx).toBe(8);
    expect(hud).toMatchObject(live);
  });
});

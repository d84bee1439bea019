import { describe, expect, it } from 'vitest';
import {
  busyCores,
  parseCpuLine,
  sampleMachine,
  sampleProcess,
} from '../../src/bench/process-probe.js';

describe('process probe', () => {
  it('counts steal as busy and I/O wait as idle', () => {
    const line = 'cpu  100 10 50 800 40 5 5 20 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n';
    expect(parseCpuLine(line)).toEqual({ busyTicks: 190, totalTicks: 1030 });
  });

  it('reads its own process and the machine from /proc', () => {
    const a = sampleProcess(process.pid);
    let spin = 0;
    for (let i = 0; i < 2e7; i++) spin += i;
    const b = sampleProcess(process.pid);
    expect(spin).toBeGreaterThan(0);
    expect(b.cpuSeconds).toBeGreaterThanOrEqual(a.cpuSeconds);
    expect(b.rssBytes).toBeGreaterThan(1e6);
    expect(b.readBytes).toBeGreaterThan(0);
    const m = sampleMachine();
    expect(busyCores(m, m)).toBe(0);
    expect(m.totalTicks).toBeGreaterThan(m.busyTicks);
  });
});

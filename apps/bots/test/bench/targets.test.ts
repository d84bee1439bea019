import { describe, expect, it } from 'vitest';
import { arenaTargets, holdFailures } from '../../src/bench/targets.js';
import { quietRun } from './figures-fixture.js';

describe('what holds', () => {
  it('holds with every client at 28 snapshots/s or more and p99 under 100 ms beyond the buffer', () => {
    expect(holdFailures(quietRun({ inputBufferMs: 67, ackP99BeyondBufferMs: 99 }), 200)).toEqual(
      [],
    );
  });

  it('names each reason it does not', () => {
    const reasons = holdFailures(
      quietRun({ clients: 190, snapshotsPerClientPerSMin: 20, ackP99BeyondBufferMs: 140 }),
      200,
    );
    expect(reasons).toHaveLength(3);
    expect(reasons.join('; ')).toMatch(/190\/200 seated.*20\.0 snapshots\/s.*140 ms/);
    expect(holdFailures(quietRun({ ackP99BeyondBufferMs: null }), 200)).toEqual([
      'no input was acknowledged',
    ]);
  });

  it('checks Arena against the floor and its own targets', () => {
    const checks = arenaTargets(
      quietRun({ serverCoresPerClient: 0.0012, snapshotBytesPerClientPerS: 1400, tickP99Ms: 6 }),
      quietRun({ serverCoresPerClient: 0.001 }),
    );
    const tick = checks.find((c) => c.target.startsWith('room tick'));
    expect(checks).toHaveLength(8);
    expect(checks[0]).toMatchObject({ measured: '1.20 ×', met: false });
    expect(checks[1]).toMatchObject({ met: true });
    expect(tick).toMatchObject({ measured: '6.00 ms', met: false });
    expect(arenaTargets(quietRun(), undefined)).toHaveLength(7);
  });

  it("holds the server's share of input→ack to the same targets as the whole", () => {
    const shares = (run: ReturnType<typeof quietRun>) =>
      arenaTargets(run, undefined).filter((c) => c.target.startsWith('input wait at the server'));
    expect(shares(quietRun()).map((c) => c.met)).toEqual([true, true]);
    const slow = quietRun({ inputWaitP50BeyondBufferMs: 40, inputWaitP99BeyondBufferMs: 41 });
    expect(shares(slow)).toMatchObject([
      { measured: '40.0 ms', met: false },
      { measured: '41.0 ms', met: false },
    ]);
  });
});

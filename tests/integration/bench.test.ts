/**
 * `npm run bench`, CI-sized: a handful of bots against the raw-`ws` floor and against Arena,
 * each in processes of their own, for a couple of seconds. It checks that the instrument
 * measures (sane, non-empty figures on both sides, ratios between them), never how fast
 * anything is: that is the bench's job, on a quiet machine.
 */
import { compare } from '@arena/bots/bench';
import { describe, expect, it } from 'vitest';

describe('the benchmark', () => {
  it('measures the floor and Arena side by side with the same bots', async () => {
    const lines: string[] = [];
    const result = await compare({
      systems: ['floor', 'arena'],
      repeats: 1,
      clients: 4,
      playersPerRoom: 2,
      warmupSeconds: 1,
      seconds: 2,
      botProcesses: 1,
      seed: 7,
      log: (line) => lines.push(line),
    });
    expect(result.runs.map((r) => r.system)).toEqual(['floor', 'arena']);
    for (const run of result.runs) {
      const f = run.figures;
      expect(f.clients, run.system).toBe(4);
      expect(f.rooms, run.system).toBe(2);
      expect(f.serverCores, run.system).toBeGreaterThan(0);
      expect(f.serverRssMb, run.system).toBeGreaterThan(10);
      // What the server wrote holds at least the snapshots the bots decoded.
      expect(f.snapshotBytesPerClientPerS, run.system).toBeGreaterThan(0);
      expect(f.bytesOutPerClientPerS, run.system).toBeGreaterThan(f.snapshotBytesPerClientPerS);
      expect(f.bytesInPerClientPerS, run.system).toBeGreaterThan(0);
      expect(f.snapshotsPerClientPerSMean, run.system).toBeGreaterThan(0);
      expect(f.snapshotsPerClientPerSMin, run.system).toBeLessThanOrEqual(
        f.snapshotsPerClientPerSMean,
      );
      expect(f.inputsPerClientPerS, run.system).toBeGreaterThan(0);
      expect(f.ackP50Ms, run.system).toBeGreaterThan(0);
      expect(f.ackP99Ms!, run.system).toBeGreaterThanOrEqual(f.ackP50Ms!);
      expect(f.tickP99Ms, run.system).not.toBeNull();
      expect(f.botProcesses, run.system).toBe(1);
      expect(f.botCores, run.system).toBeGreaterThan(0);
      expect(run.joinFailures, run.system).toEqual([]);
    }
    // Arena's input buffer is its own; the floor has none.
    expect(result.medians.floor?.inputBufferMs).toBe(0);
    expect(result.medians.arena?.inputBufferMs).toBeGreaterThan(0);
    expect(result.ratios?.serverCoresPerClient).toBeGreaterThan(0);
    expect(result.ratios?.snapshotBytesPerClientPerS).toBeGreaterThan(0);
  }, 120_000);
});

/**
 * What a second stream for the snapshots would buy on a link that stalls (`--streams 2`): a
 * short badMobile run, once with one stream and once with two. The figures of the full run are
 * in docs/NETCODE.md; this holds the option to doing what it says.
 */
import { describe, expect, it } from 'vitest';
import { LinkProfiles } from '@arena/shared/netcode/client';
import { LAG_COMP_MAX_REWIND_MS } from '@arena/shared/netcode/server';
import { runLab, type LabOptions } from '../src/run-lab.js';

const RUN_TIMEOUT_MS = 120_000;

const base: LabOptions = {
  profile: LinkProfiles.badMobile,
  seed: 1,
  seconds: 30,
  quietSeconds: 30,
  players: 3,
  fps: 60,
  snapshotEveryTicks: 1,
  maxRewindMs: LAG_COMP_MAX_REWIND_MS,
};

describe('snapshots on two streams that stall independently', () => {
  it(
    'run dry less often and draw others much closer to the present, as smoothly',
    () => {
      const one = runLab(base);
      const two = runLab({ ...base, snapshotStreams: 2 });
      expect(two.dryRunsPerMinute).toBeLessThan(one.dryRunsPerMinute * 0.75);
      expect(two.interpDelayMeanMs).toBeLessThan(one.interpDelayMeanMs - 100);
      expect(two.remoteJumpMax).toBeLessThanOrEqual(1.5);
      expect(two.steadyStateErrorMaxPx).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});

/**
 * What a second stream for the snapshots would buy on a link that stalls (`--streams 2`): a
 * short badMobile run, once with one stream and once with two. The figures of the full run are
 * in docs/NETCODE.md; this holds the option to doing what it says.
 */
import { describe, expect, it } from 'vitest';
import { LinkProfiles } from '@arena/shared/netcode/client';
import { LAG_COMP_MAX_REWIND_MS } from '@arena/shared/netcode/server';
import type { LabClient } from '../src/lab-client.js';
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

/**
 * Frames the clients drew others from a guess, past the newest snapshot. Not the count of dry
 * spells: the render clock runs on one interval past the newest snapshot whenever the next
 * one is a little late, by design, so the count says little about the stalls.
 */
function guessedFrames(options: LabOptions) {
  let frames = 0;
  const inspect = (_: unknown, clients: readonly LabClient[]) => {
    for (const c of clients) frames += c.netcode.interpolation.stats.dryFrames;
  };
  const result = runLab({ ...options, inspect });
  return { result, frames };
}

describe('snapshots on two streams that stall independently', () => {
  it(
    'draw others much closer to the present, from guesses less of the time, as smoothly',
    () => {
      const one = guessedFrames(base);
      const two = guessedFrames({ ...base, snapshotStreams: 2 });
      expect(two.frames).toBeLessThan(one.frames * 0.85);
      expect(two.result.interpDelayMeanMs).toBeLessThan(one.result.interpDelayMeanMs - 100);
      expect(two.result.underrunsPerMinute).toBe(0);
      expect(two.result.remoteJumpMax).toBeLessThanOrEqual(1.5);
      expect(two.result.steadyStateErrorMaxPx).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});

/**
 * The netcode's targets, asserted on netlab runs with fixed seeds: a real server loop and six
 * clients over simulated links, manual clock, no sleeps. `npm run netlab` prints the same
 * numbers for every profile.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LinkProfiles } from '@arena/shared/netcode/client';
import { checkTargets } from '../src/netlab.js';
import { runLab, type LabOptions } from '../src/run-lab.js';
import type { LabResult } from '../src/summary.js';

/** A netlab run takes a few seconds of CPU (minutes of game); more on a busy machine. */
const RUN_TIMEOUT_MS = 120_000;

const base: Omit<LabOptions, 'profile'> = {
  seed: 1,
  seconds: 120,
  quietSeconds: 60,
  players: 6,
  fps: 60,
  snapshotEveryTicks: 1,
  maxRewindMs: 1000,
};

describe('netlab on the far profile (150 ± 30 ms, 1% stalls)', () => {
  let far: LabResult;
  let farWithout: LabResult;
  beforeAll(() => {
    far = runLab({ ...base, profile: LinkProfiles.far });
    farWithout = runLab({ ...base, profile: LinkProfiles.far, maxRewindMs: undefined });
  }, RUN_TIMEOUT_MS);

  it('meets every target', () => {
    const report = {
      ...far,
      hitsWithoutCompensation: farWithout.hits,
      hitsWith200MsBound: far.hits,
    };
    const failed = checkTargets(report).filter((t) => !t.pass);
    expect(failed).toEqual([]);
  });

  it('shows a key on the frame it is pressed', () => {
    expect(far.inputToScreenFrames).toBe(0);
  });

  it('has zero prediction error while nobody interacts and inputs are on time', () => {
    expect(far.steadyStateErrorMaxPx).toBe(0);
  });

  it('never shows a correction faster than 2 px per frame', () => {
    expect(far.visibleCorrectionMaxPxPerFrame).toBeLessThanOrEqual(2 + 1e-9);
  });

  it('never jumps a remote player more than 1.5 × what the speed limit allows per frame', () => {
    expect(far.remoteJumpMax).toBeLessThanOrEqual(1.5);
  });

  it('underruns less than once a minute and knows the server clock within 5 ms after 2 s', () => {
    expect(far.underrunsPerMinute).toBeLessThan(1);
    expect(far.clockErrorAt2sMaxMs).toBeLessThanOrEqual(5);
  });

  it('lands at least 95% of the hits the attacker saw, far more than without compensation', () => {
    expect(far.hits.seenExact).toBeGreaterThan(30);
    expect(far.hits.rateExact).toBeGreaterThanOrEqual(0.95);
    expect(farWithout.hits.rateExact).toBeLessThan(0.5);
  });
});

describe('netlab on a LAN', () => {
  let lan: LabResult;
  beforeAll(() => {
    lan = runLab({ ...base, profile: LinkProfiles.lan, seconds: 60, quietSeconds: 30 });
  }, RUN_TIMEOUT_MS);

  it('keeps about two snapshot intervals of delay and never underruns', () => {
    expect(lan.interpDelayMeanMs).toBeGreaterThan(66);
    expect(lan.interpDelayMeanMs).toBeLessThan(75);
    expect(lan.underrunsPerMinute).toBe(0);
  });

  it('never needs to guess an input', () => {
    expect(lan.inputsGuessedShare).toBe(0);
    expect(lan.quietErrorShare).toBe(0);
  });
});

describe('netlab', () => {
  it(
    'is exactly repeatable from its seed',
    () => {
      const options = { ...base, profile: LinkProfiles.badMobile, seconds: 20, quietSeconds: 10 };
      expect(runLab(options)).toEqual(runLab(options));
    },
    RUN_TIMEOUT_MS,
  );
});

/**
 * netlab: every profile run three times on the same seed (lag compensation with its normal
 * bound, with a tighter bound of 200 ms, and without), collected into one report and checked
 * against the netcode's targets for the `far` profile.
 */
import {
  LAG_COMP_MAX_REWIND_MS,
  LinkProfiles,
  type LinkProfileName,
} from '@arena/shared/netcode/server';
import { runLab, type LabOptions } from './run-lab.js';
import type { HitResult, LabResult } from './summary.js';

export interface NetlabOptions {
  profiles: LinkProfileName[];
  seed: number;
  seconds: number;
  quietSeconds: number;
  players: number;
  fps: number;
  snapshotEveryTicks: number;
}

export const DEFAULT_NETLAB_OPTIONS: NetlabOptions = {
  profiles: ['lan', 'wifi', 'far', 'badMobile'],
  seed: 1,
  seconds: 180,
  quietSeconds: 60,
  players: 6,
  fps: 60,
  snapshotEveryTicks: 1,
};

export interface ProfileReport extends LabResult {
  hitsWithoutCompensation: HitResult;
  hitsWith200MsBound: HitResult;
}

export interface TargetCheck {
  name: string;
  target: string;
  value: number;
  pass: boolean;
}

export interface NetlabReport {
  options: NetlabOptions;
  rewindBoundMs: number;
  profiles: ProfileReport[];
  /** The netcode's targets, checked on the `far` profile (empty if it was not run). */
  targets: TargetCheck[];
}

/**
 * What the netcode promises on a far link (150 ± 30 ms, 1% stalls): keys show at once, no
 * error at rest, corrections and remote movement too small to see, the clock known within
 * 5 ms, compensated hits landing. `EPS` absorbs floating-point dust only.
 */
export function checkTargets(far: ProfileReport): TargetCheck[] {
  const check = (name: string, target: string, value: number, pass: boolean) => ({
    name,
    target,
    value,
    pass,
  });
  const EPS = 1e-9;
  return [
    check(
      'input to screen (frames)',
      '= 0',
      far.inputToScreenFrames,
      far.inputToScreenFrames === 0,
    ),
    check(
      'steady-state error (px)',
      '= 0',
      far.steadyStateErrorMaxPx,
      far.steadyStateErrorMaxPx === 0,
    ),
    check(
      'visible correction p99 (px/frame)',
      '≤ 2',
      far.visibleCorrectionP99PxPerFrame,
      far.visibleCorrectionP99PxPerFrame <= 2 + EPS,
    ),
    check('remote jump max (× limit)', '≤ 1.5', far.remoteJumpMax, far.remoteJumpMax <= 1.5 + EPS),
    check('underruns per minute', '< 1', far.underrunsPerMinute, far.underrunsPerMinute < 1),
    check('clock error at 2 s (ms)', '≤ 5', far.clockErrorAt2sMaxMs, far.clockErrorAt2sMaxMs <= 5),
    check('compensated hits landed', '≥ 95%', far.hits.rateExact, far.hits.rateExact >= 0.95),
  ];
}

export function runNetlab(options: NetlabOptions): NetlabReport {
  const profiles = options.profiles.map((name) => {
    const base: LabOptions = {
      profile: LinkProfiles[name],
      seed: options.seed,
      seconds: options.seconds,
      quietSeconds: options.quietSeconds,
      players: options.players,
      fps: options.fps,
      snapshotEveryTicks: options.snapshotEveryTicks,
      maxRewindMs: LAG_COMP_MAX_REWIND_MS,
    };
    const result = runLab(base);
    const without = runLab({ ...base, maxRewindMs: undefined });
    const bound200 = runLab({ ...base, maxRewindMs: 200 });
    return { ...result, hitsWithoutCompensation: without.hits, hitsWith200MsBound: bound200.hits };
  });
  const far = profiles.find((p) => p.profile === 'far');
  return {
    options,
    rewindBoundMs: LAG_COMP_MAX_REWIND_MS,
    profiles,
    targets: far ? checkTargets(far) : [],
  };
}

/**
 * netlab: every profile run three times on the same seed (lag compensation with its normal
 * bound, with a 200 ms bound, and without), collected into one report and checked against
 * the targets of each profile that has some (`targets.ts`).
 */
import {
  LAG_COMP_MAX_REWIND_MS,
  LinkProfiles,
  type LinkProfileName,
} from '@arena/shared/netcode/server';
import { runLab, type LabOptions } from './run-lab.js';
import { checkTargets, type ProfileReport, type TargetCheck } from './targets.js';

export interface NetlabOptions {
  profiles: LinkProfileName[];
  seed: number;
  seconds: number;
  quietSeconds: number;
  players: number;
  fps: number;
  snapshotEveryTicks: number;
  /** Streams each snapshot is sent on (`LabOptions.snapshotStreams`). */
  snapshotStreams: 1 | 2;
}

export const DEFAULT_NETLAB_OPTIONS: NetlabOptions = {
  profiles: ['lan', 'wifi', 'far', 'badMobile'],
  seed: 1,
  seconds: 180,
  quietSeconds: 60,
  players: 6,
  fps: 60,
  snapshotEveryTicks: 1,
  snapshotStreams: 1,
};

export interface NetlabReport {
  options: NetlabOptions;
  rewindBoundMs: number;
  profiles: ProfileReport[];
  /** Each profile's targets (`targets.ts`), checked; profiles without targets add none. */
  targets: TargetCheck[];
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
      snapshotStreams: options.snapshotStreams,
      maxRewindMs: LAG_COMP_MAX_REWIND_MS,
    };
    const result = runLab(base);
    const without = runLab({ ...base, maxRewindMs: undefined });
    const bound200 = runLab({ ...base, maxRewindMs: 200 });
    return { ...result, hitsWithoutCompensation: without.hits, hitsWith200MsBound: bound200.hits };
  });
  return {
    options,
    rewindBoundMs: LAG_COMP_MAX_REWIND_MS,
    profiles,
    targets: profiles.flatMap(checkTargets),
  };
}

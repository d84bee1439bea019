/**
 * The targets netlab is held to, per profile: `far` (150 ± 30 ms, 1% stalls) is what the
 * netcode is tuned for, `badMobile` (300 ± 80 ms, 3% stalls of 600 ms) is how far it must
 * degrade gracefully. `npm run netlab -- --check` and netlab-targets.test.ts apply them.
 */
import type { HitResult, LabResult } from './summary.js';

/** What a target is checked on: one profile's run, with the comparison runs' hits. */
export interface ProfileReport extends LabResult {
  hitsWithoutCompensation: HitResult;
  hitsWith200MsBound: HitResult;
}

export interface TargetCheck {
  profile: string;
  name: string;
  target: string;
  value: number;
  pass: boolean;
}

interface Target {
  name: string;
  /** How the target reads in the table, e.g. "≤ 150". */
  target: (r: ProfileReport) => string;
  value: (r: ProfileReport) => number;
  pass: (value: number, r: ProfileReport) => boolean;
}

/** Absorbs floating-point dust only. */
const EPS = 1e-9;

const atMost = (name: string, value: Target['value'], limit: number): Target => ({
  name,
  target: () => `≤ ${limit}`,
  value,
  pass: (v) => v <= limit + EPS,
});

const below = (name: string, value: Target['value'], limit: number): Target => ({
  name,
  target: () => `< ${limit}`,
  value,
  pass: (v) => v < limit,
});

const exactly = (name: string, value: Target['value'], wanted: number): Target => ({
  name,
  target: () => `= ${wanted}`,
  value,
  pass: (v) => v === wanted,
});

const atLeastShare = (name: string, value: Target['value'], share: number): Target => ({
  name,
  target: () => `≥ ${share * 100}%`,
  value,
  pass: (v) => v >= share,
});

/** "Others drawn behind the server" is judged against the link's own one-way latency. */
const behindServer = (extraMs: number): Target => ({
  name: 'others drawn behind server (ms)',
  target: (r) => `≤ ${r.oneWayLatencyMs} + ${extraMs}`,
  value: (r) => r.viewLagMeanMs,
  pass: (v, r) => v <= r.oneWayLatencyMs + extraMs,
});

/** Unchanged by anything about other players: our own player on our own screen. */
const selfTargets: Target[] = [
  exactly('input to screen (frames)', (r) => r.inputToScreenFrames, 0),
  exactly('steady-state error (px)', (r) => r.steadyStateErrorMaxPx, 0),
  atMost('visible correction p99 (px/frame)', (r) => r.visibleCorrectionP99PxPerFrame, 2),
];

const jump = atMost('remote jump max (× limit)', (r) => r.remoteJumpMax, 1.5);
const glide = atMost('glide after extrapolation (px/frame)', (r) => r.glideMaxPxPerFrame, 4);
const delay = (ms: number) =>
  atMost('interpolation delay mean (ms)', (r) => r.interpDelayMeanMs, ms);
const underruns = (n: number) => below('underruns per minute', (r) => r.underrunsPerMinute, n);
const error = (px: number) =>
  atMost('extrapolation error p99 (px)', (r) => r.extrapolationErrorP99Px, px);
const clock = (ms: number) => atMost('clock error at 2 s (ms)', (r) => r.clockErrorAt2sMaxMs, ms);
const hits = (share: number) =>
  atLeastShare('compensated hits landed', (r) => r.hits.rateExact, share);

export const PROFILE_TARGETS: Readonly<Record<string, readonly Target[]>> = {
  far: [
    ...selfTargets,
    delay(150),
    behindServer(150),
    underruns(1),
    jump,
    error(32),
    glide,
    clock(5),
    hits(0.95),
  ],
  badMobile: [
    ...selfTargets,
    delay(250),
    behindServer(250),
    underruns(3),
    jump,
    error(48),
    glide,
    clock(10),
    hits(0.8),
  ],
};

/** The targets of `report.profile` (none for a profile without targets), checked. */
export function checkTargets(report: ProfileReport): TargetCheck[] {
  return (PROFILE_TARGETS[report.profile] ?? []).map((t) => {
    const value = t.value(report);
    return {
      profile: report.profile,
      name: t.name,
      target: t.target(report),
      value,
      pass: t.pass(value, report),
    };
  });
}

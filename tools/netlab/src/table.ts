/** netlab's report as a plain-text table: one row per metric, one column per profile. */
import type { HitResult } from './summary.js';
import type { NetlabReport } from './netlab.js';
import type { ProfileReport } from './targets.js';

interface Row {
  label: string;
  /** Name of the target (`targets.ts`) this row is checked against, if any. */
  target?: string;
  cell: (p: ProfileReport) => string;
}

const fixed = (digits: number) => (value: number) => value.toFixed(digits);
const f0 = fixed(0);
const f1 = fixed(1);
const f2 = fixed(2);

function hitCell(hits: HitResult, exact: boolean): string {
  const [landed, seen, rate] = exact
    ? [hits.landedExact, hits.seenExact, hits.rateExact]
    : [hits.landed, hits.seen, hits.rate];
  return `${(rate * 100).toFixed(0)}% (${landed}/${seen})`;
}

const ROWS: Row[] = [
  {
    label: 'input to screen, max (frames)',
    target: 'input to screen (frames)',
    cell: (p) => f0(p.inputToScreenFrames),
  },
  { label: 'prediction corrections / s', cell: (p) => f2(p.correctionsPerSecond) },
  { label: 'correction size p99 (px)', cell: (p) => f1(p.correctionP99Px) },
  {
    label: 'visible correction p99 (px / frame)',
    target: 'visible correction p99 (px/frame)',
    cell: (p) => f2(p.visibleCorrectionP99PxPerFrame),
  },
  {
    label: 'steady-state error, max (px)',
    target: 'steady-state error (px)',
    cell: (p) => f2(p.steadyStateErrorMaxPx),
  },
  {
    label: 'quiet reconciles off after a stall (%)',
    cell: (p) => f1(p.quietErrorShare * 100),
  },
  { label: 'remote jump p99 (× speed limit)', cell: (p) => f2(p.remoteJumpP99) },
  {
    label: 'remote jump max (× speed limit)',
    target: 'remote jump max (× limit)',
    cell: (p) => f2(p.remoteJumpMax),
  },
  {
    label: 'interpolation delay, mean (ms)',
    target: 'interpolation delay mean (ms)',
    cell: (p) => f0(p.interpDelayMeanMs),
  },
  {
    label: 'others drawn behind server, mean (ms)',
    target: 'others drawn behind server (ms)',
    cell: (p) => f0(p.viewLagMeanMs),
  },
  { label: 'buffer ran dry / min (extrapolated)', cell: (p) => f2(p.dryRunsPerMinute) },
  {
    label: 'underruns / min (past extrapolation)',
    target: 'underruns per minute',
    cell: (p) => f2(p.underrunsPerMinute),
  },
  {
    label: 'extrapolation error p99 (px)',
    target: 'extrapolation error p99 (px)',
    cell: (p) => f1(p.extrapolationErrorP99Px),
  },
  { label: 'extrapolation error max (px)', cell: (p) => f1(p.extrapolationErrorMaxPx) },
  {
    label: 'glide after extrapolation, max (px / frame)',
    target: 'glide after extrapolation (px/frame)',
    cell: (p) => f2(p.glideMaxPxPerFrame),
  },
  {
    label: 'clock offset error at 2 s, max (ms)',
    target: 'clock error at 2 s (ms)',
    cell: (p) => f2(p.clockErrorAt2sMaxMs),
  },
  {
    label: 'same, every packet a sample, max (ms)',
    cell: (p) => f2(p.clockBracketErrorAt2sMaxMs),
  },
  {
    label: 'hits landed, lag-comp (self exact)',
    target: 'compensated hits landed',
    cell: (p) => hitCell(p.hits, true),
  },
  {
    label: 'hits landed, no lag-comp (self exact)',
    cell: (p) => hitCell(p.hitsWithoutCompensation, true),
  },
  {
    label: 'hits landed, 200 ms bound (self exact)',
    cell: (p) => hitCell(p.hitsWith200MsBound, true),
  },
  { label: 'hits landed, lag-comp (all seen)', cell: (p) => hitCell(p.hits, false) },
  {
    label: 'hits landed, no lag-comp (all seen)',
    cell: (p) => hitCell(p.hitsWithoutCompensation, false),
  },
  {
    label: 'inputs the server had to guess (%)',
    cell: (p) => f1(p.inputsGuessedShare * 100),
  },
  { label: 'input wait at the server, mean (ms)', cell: (p) => f0(p.inputWaitMeanMs) },
  { label: 'bytes / s in per client', cell: (p) => f0(p.bytesInPerSecond) },
  { label: 'bytes / s out per client', cell: (p) => f0(p.bytesOutPerSecond) },
];

function pad(text: string, width: number, right = false): string {
  const gap = ' '.repeat(Math.max(0, width - [...text].length));
  return right ? gap + text : text + gap;
}

/** One "target (profile)" column per profile that has targets in the report. */
function targetColumns(report: NetlabReport): { header: string; cell: (row: Row) => string }[] {
  const profiles = [...new Set(report.targets.map((t) => t.profile))];
  return profiles.map((profile) => ({
    header: `target (${profile})`,
    cell: (row) =>
      report.targets.find((t) => t.profile === profile && t.name === row.target)?.target ?? '',
  }));
}

function verdicts(report: NetlabReport): string[] {
  const lines: string[] = [];
  for (const profile of new Set(report.targets.map((t) => t.profile))) {
    lines.push('', `targets on ${profile}:`);
    for (const t of report.targets.filter((c) => c.profile === profile)) {
      lines.push(
        `  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name} ${t.target}: ${Number(t.value.toFixed(3))}`,
      );
    }
  }
  return lines;
}

export function formatTable(report: NetlabReport): string {
  const { options: o, profiles } = report;
  const targets = targetColumns(report);
  const header = ['metric', ...targets.map((t) => t.header), ...profiles.map((p) => p.profile)];
  const body = ROWS.map((row) => [
    row.label,
    ...targets.map((t) => t.cell(row)),
    ...profiles.map((p) => row.cell(p)),
  ]);
  const widths = header.map((h, i) =>
    Math.max([...h].length, ...body.map((r) => [...r[i]!].length)),
  );
  const firstValue = 1 + targets.length;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, i >= firstValue))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const title =
    `netlab: ${o.players} players, ${o.seconds} s per run (${o.quietSeconds} s quiet, then melee), ` +
    `${o.fps} fps, snapshots every ${o.snapshotEveryTicks} tick(s)` +
    (o.snapshotStreams === 2 ? ' on two streams' : '') +
    `, seed ${o.seed}, ` +
    `rewind bound ${report.rewindBoundMs} ms`;
  return [title, '', line(header), rule, ...body.map(line), ...verdicts(report)].join('\n');
}

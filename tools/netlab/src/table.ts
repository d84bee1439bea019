/** netlab's report as a plain-text table: one row per metric, one column per profile. */
import type { HitResult } from './summary.js';
import type { NetlabReport, ProfileReport } from './netlab.js';

interface Row {
  label: string;
  /** Target on the far profile, or '' when there is none. */
  target: string;
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
  { label: 'input to screen, max (frames)', target: '0', cell: (p) => f0(p.inputToScreenFrames) },
  { label: 'prediction corrections / s', target: '', cell: (p) => f2(p.correctionsPerSecond) },
  { label: 'correction size p99 (px)', target: '', cell: (p) => f1(p.correctionP99Px) },
  {
    label: 'visible correction p99 (px / frame)',
    target: '≤ 2',
    cell: (p) => f2(p.visibleCorrectionP99PxPerFrame),
  },
  { label: 'steady-state error, max (px)', target: '0', cell: (p) => f2(p.steadyStateErrorMaxPx) },
  {
    label: 'quiet reconciles off after a stall (%)',
    target: '',
    cell: (p) => f1(p.quietErrorShare * 100),
  },
  { label: 'remote jump p99 (× speed limit)', target: '', cell: (p) => f2(p.remoteJumpP99) },
  { label: 'remote jump max (× speed limit)', target: '≤ 1.5', cell: (p) => f2(p.remoteJumpMax) },
  { label: 'interpolation delay, mean (ms)', target: '', cell: (p) => f0(p.interpDelayMeanMs) },
  { label: 'others drawn behind server, mean (ms)', target: '', cell: (p) => f0(p.viewLagMeanMs) },
  { label: 'buffer underruns / min', target: '< 1', cell: (p) => f2(p.underrunsPerMinute) },
  {
    label: 'clock offset error at 2 s, max (ms)',
    target: '≤ 5',
    cell: (p) => f2(p.clockErrorAt2sMaxMs),
  },
  {
    label: 'hits landed, lag-comp (self exact)',
    target: '≥ 95%',
    cell: (p) => hitCell(p.hits, true),
  },
  {
    label: 'hits landed, no lag-comp (self exact)',
    target: '',
    cell: (p) => hitCell(p.hitsWithoutCompensation, true),
  },
  {
    label: 'hits landed, 200 ms bound (self exact)',
    target: '',
    cell: (p) => hitCell(p.hitsWith200MsBound, true),
  },
  { label: 'hits landed, lag-comp (all seen)', target: '', cell: (p) => hitCell(p.hits, false) },
  {
    label: 'hits landed, no lag-comp (all seen)',
    target: '',
    cell: (p) => hitCell(p.hitsWithoutCompensation, false),
  },
  {
    label: 'inputs the server had to guess (%)',
    target: '',
    cell: (p) => f1(p.inputsGuessedShare * 100),
  },
  { label: 'bytes / s in per client', target: '', cell: (p) => f0(p.bytesInPerSecond) },
  { label: 'bytes / s out per client', target: '', cell: (p) => f0(p.bytesOutPerSecond) },
];

function pad(text: string, width: number, right = false): string {
  const gap = ' '.repeat(Math.max(0, width - [...text].length));
  return right ? gap + text : text + gap;
}

export function formatTable(report: NetlabReport): string {
  const { options: o, profiles } = report;
  const header = ['metric', 'target (far)', ...profiles.map((p) => p.profile)];
  const body = ROWS.map((row) => [row.label, row.target, ...profiles.map((p) => row.cell(p))]);
  const widths = header.map((h, i) =>
    Math.max([...h].length, ...body.map((r) => [...r[i]!].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, i >= 2))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const title =
    `netlab: ${o.players} players, ${o.seconds} s per run (${o.quietSeconds} s quiet, then melee), ` +
    `${o.fps} fps, snapshots every ${o.snapshotEveryTicks} tick(s), seed ${o.seed}, ` +
    `rewind bound ${report.rewindBoundMs} ms`;
  const verdicts = report.targets.map(
    (t) => `  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name} ${t.target}: ${Number(t.value.toFixed(3))}`,
  );
  const targets = verdicts.length > 0 ? ['', 'targets on far:', ...verdicts] : [];
  return [title, '', line(header), rule, ...body.map(line), ...targets].join('\n');
}

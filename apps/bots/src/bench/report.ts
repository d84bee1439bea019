/**
 * The bench's tables, for people: the systems side by side with Arena's ratios to the floor,
 * the load generator's own cost, every saturation warning in full, and Arena's targets.
 * The same figures go out as JSON for machines.
 */
import type { Comparison } from './compare.js';
import type { FindMaxResult } from './find-max.js';
import { MIN_CLIENTS_PER_THOUSAND, type RunFigures } from './run-figures.js';
import type { SystemName } from './systems.js';
import { arenaTargets, MAX_ACK_P99_BEYOND_BUFFER_MS, MIN_SNAPSHOTS_PER_S } from './targets.js';

type Cell = (f: RunFigures) => string;

const num = (v: number | null, digits = 1) =>
  v === null
    ? '-'
    : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pair = (a: number | null, b: number | null, digits = 1) =>
  `${num(a, digits)} / ${num(b, digits)}`;
const times = (v: number | null | undefined) =>
  v === null || v === undefined ? '' : `${v.toFixed(2)} ×`;

/** Rows: label, the cell of each system, and the ratio cell (Arena / floor). */
const ROWS: [string, Cell, ((c: Comparison) => string) | null][] = [
  ['clients seated / rooms', (f) => `${f.clients} / ${f.rooms}`, null],
  [
    'server CPU, cores per client',
    (f) => num(f.serverCoresPerClient, 5),
    (c) => times(c.ratios?.serverCoresPerClient),
  ],
  [
    `  per 1,000 clients (from ${MIN_CLIENTS_PER_THOUSAND} clients)`,
    (f) => num(f.serverCoresPer1000, 2),
    null,
  ],
  [
    'server bytes out per client per s (all)',
    (f) => num(f.bytesOutPerClientPerS, 0),
    (c) => times(c.ratios?.bytesOutPerClientPerS),
  ],
  [
    '  snapshot payload per client per s',
    (f) => num(f.snapshotBytesPerClientPerS, 0),
    (c) => times(c.ratios?.snapshotBytesPerClientPerS),
  ],
  ['server bytes in per client per s', (f) => num(f.bytesInPerClientPerS, 0), null],
  ['input→ack p50 / p99, ms', (f) => pair(f.ackP50Ms, f.ackP99Ms), null],
  ['  input buffer (deliberate), ms', (f) => num(f.inputBufferMs), null],
  [
    '  p50 / p99 beyond the buffer, ms',
    (f) => pair(f.ackP50BeyondBufferMs, f.ackP99BeyondBufferMs),
    (c) => `${times(c.ratios?.ackP50BeyondBufferMs)} / ${times(c.ratios?.ackP99BeyondBufferMs)}`,
  ],
  ['input wait at the server p50 / p99, ms', (f) => pair(f.inputWaitP50Ms, f.inputWaitP99Ms), null],
  [
    '  p50 / p99 beyond the buffer, ms',
    (f) => pair(f.inputWaitP50BeyondBufferMs, f.inputWaitP99BeyondBufferMs),
    null,
  ],
  [
    'snapshots/s per client: min / p1',
    (f) => pair(f.snapshotsPerClientPerSMin, f.snapshotsPerClientPerSP1),
    null,
  ],
  ['  mean', (f) => num(f.snapshotsPerClientPerSMean), null],
  [
    'room tick p50 / p99, ms',
    (f) => pair(f.tickP50Ms, f.tickP99Ms, 2),
    (c) => times(c.ratios?.tickP99Ms),
  ],
  ['server resident memory, MB', (f) => num(f.serverRssMb, 0), (c) => times(c.ratios?.serverRssMb)],
  ['server event-loop lag p99, ms', (f) => num(f.serverLoopLagP99Ms), null],
  ['inputs dropped or late at the server, %', (f) => num(f.inputsDroppedPercent), null],
  ['bots: inputs sent per client per s', (f) => num(f.inputsPerClientPerS), null],
  ['bots: cores per client', (f) => num(f.botCoresPerClient, 5), null],
  ['bots: event-loop lag p99 / max, ms', (f) => pair(f.botLoopLagP99Ms, f.botLoopLagMaxMs), null],
  ['bots: busiest process busy, %', (f) => num(f.botUtilization * 100, 0), null],
  [
    'machine: busy cores / by others',
    (f) => `${num(f.machineBusyCores)} of ${f.machineCores} / ${num(f.otherCores)}`,
    null,
  ],
  ['machine: load average (1 min)', (f) => num(f.loadAverage1m), null],
];

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

export function comparisonTable(c: Comparison, systems: SystemName[]): string {
  const present = systems.filter((s) => c.medians[s]);
  const header = ['', ...present, ...(c.ratios ? ['arena / floor'] : [])];
  const lines = ROWS.map(([label, cell, ratio]) => [
    label,
    ...present.map((s) => cell(c.medians[s]!)),
    ...(c.ratios ? [ratio ? ratio(c) : ''] : []),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...lines].map((row) => row[i]!.length)));
  return [pad(header, widths), ...lines.map((row) => pad(row, widths))].join('\n');
}

/** Every warning of every run, in full, with the run it came from. */
export function warningsText(c: Pick<Comparison, 'runs'>): string {
  const blocks = c.runs.flatMap((run, i) =>
    run.warnings.map(
      (w) => `  run ${i + 1} (${run.system}, ${run.clientsAsked} clients): ${w.message}`,
    ),
  );
  return blocks.length === 0
    ? '  none: the bots kept their beat and the machine had room.'
    : blocks.join('\n');
}

export function targetsText(c: Comparison): string {
  const { arena, floor } = c.medians;
  if (!arena) return '';
  return arenaTargets(arena, floor)
    .map((t) => `  ${t.met ? 'met    ' : 'NOT met'}  ${t.target.padEnd(50)} ${t.measured}`)
    .join('\n');
}

export function findMaxText(
  results: FindMaxResult[],
  rule: { factor: number; startClients: number },
): string {
  const head =
    `Largest client count that holds (every client ≥ ${MIN_SNAPSHOTS_PER_S} snapshots/s, input→ack p99 ` +
    `< ${MAX_ACK_P99_BEYOND_BUFFER_MS} ms beyond the input buffer), stepping × ${rule.factor} from ${rule.startClients}:`;
  const lines = results.map((r) => {
    const held = r.held === null ? `none (not even ${rule.startClients})` : String(r.held);
    const failed = r.failed
      ? `first failed at ${r.failed.clients}: ${r.failed.reasons.join('; ')}` +
        (r.failed.loadGeneratorSaturated
          ? ' [the load generator was saturated there: the server may hold more]'
          : '')
      : 'held up to --max-clients';
    return `  ${r.system.padEnd(6)} ${held.padStart(6)}   ${failed}`;
  });
  return [head, ...lines].join('\n');
}

/**
 * What "holds" means for a client count, and the performance targets Arena is measured
 * against (the floor being the raw-`ws` server that sends the same snapshot bytes).
 */
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
import type { RunFigures } from './run-figures.js';

/** Every client must get at least this many snapshots a second. */
export const MIN_SNAPSHOTS_PER_S = 28;
/** Input-to-ack p99 beyond the deliberate input buffer must stay under this. */
export const MAX_ACK_P99_BEYOND_BUFFER_MS = 100;

/** Why a run does not hold its client count; empty when it does. */
export function holdFailures(r: RunFigures, expectedClients: number): string[] {
  const failures: string[] = [];
  if (r.clients < expectedClients) failures.push(`${r.clients}/${expectedClients} seated`);
  if (r.snapshotsPerClientPerSMin < MIN_SNAPSHOTS_PER_S) {
    failures.push(
      `a client got ${r.snapshotsPerClientPerSMin.toFixed(1)} snapshots/s (< ${MIN_SNAPSHOTS_PER_S})`,
    );
  }
  const beyond = r.ackP99BeyondBufferMs;
  if (beyond === null) failures.push('no input was acknowledged');
  else if (beyond >= MAX_ACK_P99_BEYOND_BUFFER_MS) {
    failures.push(
      `input→ack p99 ${beyond.toFixed(0)} ms beyond the buffer (≥ ${MAX_ACK_P99_BEYOND_BUFFER_MS})`,
    );
  }
  return failures;
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/**
 * Arena against its targets, from the medians of one comparison (same workload, same run):
 * CPU within 1.1× the floor's, a small snapshot payload, input→ack close to the buffer, a
 * short tick, every client served.
 */
export function arenaTargets(arena: RunFigures, floor: RunFigures | undefined): TargetCheck[] {
  const checks: TargetCheck[] = [];
  if (floor) {
    const ratio = arena.serverCoresPerClient / floor.serverCoresPerClient;
    checks.push({
      target: 'server CPU per client ≤ 1.1 × the floor',
      measured: `${ratio.toFixed(2)} ×`,
      met: ratio <= 1.1,
    });
  }
  checks.push({
    target: 'snapshot payload ≤ 1,500 B per client per second',
    measured: `${arena.snapshotBytesPerClientPerS.toFixed(0)} B`,
    met: arena.snapshotBytesPerClientPerS <= 1500,
  });
  checks.push(
    ...latencyChecks('input→ack', arena.ackP50BeyondBufferMs, arena.ackP99BeyondBufferMs),
    ...latencyChecks(
      'input wait at the server',
      arena.inputWaitP50BeyondBufferMs,
      arena.inputWaitP99BeyondBufferMs,
    ),
  );
  checks.push({
    target: `every client ≥ ${MIN_SNAPSHOTS_PER_S} snapshots/s`,
    measured: `min ${arena.snapshotsPerClientPerSMin.toFixed(1)}`,
    met: arena.snapshotsPerClientPerSMin >= MIN_SNAPSHOTS_PER_S,
  });
  checks.push({
    target: 'room tick p99 ≤ 5 ms',
    measured: arena.tickP99Ms === null ? '-' : `${arena.tickP99Ms.toFixed(2)} ms`,
    met: arena.tickP99Ms !== null && arena.tickP99Ms <= 5,
  });
  return checks;
}

const TICK_MS = 1000 / DEFAULT_SIM_CONFIG.tickRateHz;

/** A latency beyond the input buffer: p50 within one tick, p99 within 40 ms. */
function latencyChecks(what: string, p50: number | null, p99: number | null): TargetCheck[] {
  const measured = (ms: number | null) => (ms === null ? '-' : `${ms.toFixed(1)} ms`);
  return [
    {
      target: `${what} p50 ≤ one tick beyond the buffer`,
      measured: measured(p50),
      met: p50 !== null && p50 <= TICK_MS,
    },
    {
      target: `${what} p99 ≤ 40 ms beyond the buffer`,
      measured: measured(p99),
      met: p99 !== null && p99 <= 40,
    },
  ];
}

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
  const tickMs = 1000 / DEFAULT_SIM_CONFIG.tickRateHz;
  const p50 = arena.ackP50BeyondBufferMs;
  checks.push({
    target: 'input→ack p50 ≤ one tick beyond the buffer',
    measured: p50 === null ? '-' : `${p50.toFixed(1)} ms`,
    met: p50 !== null && p50 <= tickMs,
  });
  const p99 = arena.ackP99BeyondBufferMs;
  checks.push({
    target: 'input→ack p99 ≤ 40 ms beyond the buffer',
    measured: p99 === null ? '-' : `${p99.toFixed(1)} ms`,
    met: p99 !== null && p99 <= 40,
  });
  const serverP50 = arena.inputWaitP50BeyondBufferMs;
  checks.push({
    target: "the server's share of it, p50 ≤ one tick beyond the buffer",
    measured: serverP50 === null ? '-' : `${serverP50.toFixed(1)} ms`,
    met: serverP50 !== null && serverP50 <= tickMs,
  });
  const serverP99 = arena.inputWaitP99BeyondBufferMs;
  checks.push({
    target: "the server's share of it, p99 ≤ 40 ms beyond the buffer",
    measured: serverP99 === null ? '-' : `${serverP99.toFixed(1)} ms`,
    met: serverP99 !== null && serverP99 <= 40,
  });
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

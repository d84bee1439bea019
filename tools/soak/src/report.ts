/** The soak's report as text for people; the same object is also printed as JSON. */
import type { SoakReport } from './soak.js';

function table(values: Record<string, number>): string {
  const entries = Object.entries(values);
  return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k} ${v}`).join(', ');
}

export function formatReport(r: SoakReport): string {
  const scenarioLines = Object.entries(r.scenarios).map(
    ([name, t]) =>
      `    ${name.padEnd(18)} ${String(t.runs).padStart(6)} runs, ${t.refused} refused by churn, ${t.failed} failed`,
  );
  const lines = [
    `Soak ${r.ok ? 'PASSED' : 'FAILED'}: ${r.minutes} min (${r.durationS} s), ${r.bots} players churning, seed ${r.seed}`,
    `  scenarios:`,
    ...scenarioLines,
    `  traffic: ${r.traffic.connects} connections, ${r.traffic.joins} joins, ${r.traffic.inputsSent} inputs, ${r.traffic.snapshots} snapshots, ${r.traffic.chatsSent} chats`,
    `  input-to-ack latency: p50 ${r.traffic.ackP50Ms?.toFixed(1) ?? '-'} ms, p99 ${r.traffic.ackP99Ms?.toFixed(1) ?? '-'} ms`,
    `  server: peak ${r.server.peakRooms} rooms / ${r.server.peakSockets} sockets, ${r.server.snapshotsSent} snapshots broadcast, ${r.server.inputsApplied} inputs applied, ${r.server.inputsDropped} dropped, ${r.server.roomFailures} room failures`,
    `  errors players received: ${table(r.botErrors)}; unplanned drops: ${table(r.drops)}`,
    `  heap after GC: ${r.heap.baselineMb} MB at baseline → ${r.heap.endMb} MB at the end (${r.heap.growthMb >= 0 ? '+' : ''}${r.heap.growthMb} MB, allowed +${r.heap.allowanceMb} MB)`,
    `  left at the end: ${r.after.rooms} rooms, ${r.after.seats} seats, ${r.after.spectators} spectators, ${r.after.sockets} sockets, ${r.after.adapterRooms} adapter rooms, ${r.after.engineClients} transport connections`,
    `  active handles: before ${table(r.before.resources)}; after ${table(r.after.resources)}`,
    r.leaks.length === 0
      ? '  leaks: none'
      : `  LEAKS:\n${r.leaks.map((l) => `    - ${l}`).join('\n')}`,
    r.problems.length === 0
      ? '  problems: none'
      : `  PROBLEMS:\n${r.problems.map((p) => `    - ${p}`).join('\n')}`,
  ];
  return lines.join('\n');
}

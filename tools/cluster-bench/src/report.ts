/** The cluster benchmark's results as a table per scenario, for people. */
import type { Latency, ScenarioResult } from './summary.js';

const ms = (v: number | null | undefined) => (v == null ? '-' : `${v.toFixed(1)} ms`);
const pair = (l: Latency) => `${ms(l.p50)} / ${ms(l.p99)}`;

function rows(r: ScenarioResult): [string, string][] {
  const cores = r.cpuCoresPerProcess.map((c) => c.toFixed(2)).join(' + ');
  const out: [string, string][] = [
    ['players / rooms', `${r.players} / ${r.rooms}, measured ${r.seconds} s`],
    ['server CPU, cores (per process)', cores],
    ['server CPU per 1,000 players', `${r.serverCpuCoresPer1000Players.toFixed(2)} cores`],
  ];
  for (const [group, l] of Object.entries(r.ackLatencyMs)) {
    const where = group === 'owner' ? "on the room's process" : 'on another process';
    out.push([`input to ack p50 / p99, ${where}`, `${pair(l)} (${l.inputs} inputs)`]);
  }
  if (r.forwardedInputLatencyMs)
    out.push(['forwarded input, owner clock p50 / p99', pair(r.forwardedInputLatencyMs)]);
  if (r.redis) {
    const top = Object.entries(r.redis.topCommands).map(([name, n]) => `${name} ${n}`);
    out.push(['Redis CPU', `${r.redis.cpuCores.toFixed(3)} cores`]);
    out.push([
      'Redis commands per second',
      `${r.redis.opsPerSecond.toFixed(0)} (${top.join(', ')})`,
    ]);
  }
  if (r.botFailures.length > 0)
    out.push(['bots that failed to join', String(r.botFailures.length)]);
  if (r.takeover) {
    const { rooms, seen } = r.takeover;
    out.push(['rooms back after SIGKILL of their owner', `${seen.length} of ${rooms}`]);
    for (const [i, t] of seen.entries())
      out.push([
        `  room ${i + 1}`,
        `ticking again after ${t.tickingAgainMs.toFixed(0)} ms; ${t.ticksRunAgain} ticks run again; ` +
          `${t.inputsSentUnowned} inputs to nobody; seat ${t.seatKept ? 'kept' : 'LOST'}; ` +
          `scores ${t.scoresKept === null ? 'not compared' : t.scoresKept ? 'kept' : 'CHANGED'}`,
      ]);
  }
  return out;
}

/** One scenario's table: its name, then a row per figure. */
export function formatScenario(r: ScenarioResult): string {
  return [r.scenario, ...rows(r).map(([k, v]) => `  ${k.padEnd(48)} ${v}`)].join('\n');
}

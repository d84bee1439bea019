/**
 * `npm run bench -- --players 200 --seconds 20`: measures the server under bots and prints a
 * table, then the same as JSON (also written to --json FILE when given).
 */
import { writeFileSync } from 'node:fs';
import { numberOption, readOptions, runCommand } from '@arena/devkit';
import { runBench, type BenchResult } from './bench.js';

const USAGE =
  'usage: npm run bench -- [--players 100] [--seconds 20] [--warmup 5] [--per-room 8] [--workers 2] [--json out.json]';

function table(r: BenchResult): string {
  const ms = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)} ms`);
  const rows: [string, string][] = [
    ['players / rooms', `${r.players} / ${r.rooms}`],
    ['measured for', `${r.seconds} s`],
    ['server CPU per 1,000 players', `${r.serverCpuCoresPer1000Players.toFixed(2)} cores`],
    ['snapshot bytes per player per second', `${r.snapshotBytesPerPlayerPerSecond.toFixed(0)} B/s`],
    ['input to ack latency p50 / p99', `${ms(r.ackLatencyP50Ms)} / ${ms(r.ackLatencyP99Ms)}`],
    ['room tick duration p50 / p99', `${ms(r.tickDurationP50Ms)} / ${ms(r.tickDurationP99Ms)}`],
    ['server resident memory', `${r.serverRssMb.toFixed(0)} MB`],
    ['inputs dropped per second', r.inputsDroppedPerSecond.toFixed(1)],
    ['bot connections dropped', JSON.stringify(r.botDrops)],
  ];
  return rows.map(([k, v]) => `  ${k.padEnd(38)} ${v}`).join('\n');
}

async function main(): Promise<void> {
  const args = readOptions({
    players: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    'per-room': { type: 'string' },
    workers: { type: 'string' },
    json: { type: 'string' },
  });
  const result = await runBench({
    players: numberOption('players', args.players, 100, 'positive'),
    seconds: numberOption('seconds', args.seconds, 20, 'positive'),
    warmupSeconds: numberOption('warmup', args.warmup, 5),
    playersPerRoom: numberOption('per-room', args['per-room'], 8, 'positive'),
    workers: numberOption('workers', args.workers, 2),
    log: (line) => console.log(line),
  });
  console.log(`\nArena benchmark\n${table(result)}\n`);
  const json = JSON.stringify(result, null, 2);
  console.log(json);
  if (args.json) writeFileSync(args.json, json + '\n');
  process.exit(0);
}

runCommand('bench', USAGE, main);

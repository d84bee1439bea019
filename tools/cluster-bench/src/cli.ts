/**
 * `npm run bench:cluster -- --players 64 --seconds 20 --kill`: the same load against one
 * process, one process with Redis, and two processes sharing Redis (each room whole on one
 * process, then half of each room's players on the other); with --kill, the owner of half
 * the rooms is then killed. Prints a table per scenario, then all of it as JSON (also to
 * --json FILE). Exits 2 on bad usage.
 */
import { writeFileSync } from 'node:fs';
import {
  integerOption,
  numberOption,
  outputFileOption,
  readOptions,
  runCommand,
  UsageError,
} from '@arena/devkit';
import { ROOM_PLAYERS_MAX } from '@arena/shared/protocol';
import { formatScenario } from './report.js';
import { runScenario, SCENARIOS } from './scenario.js';
import type { ScenarioResult } from './summary.js';

const USAGE =
  'usage: npm run bench:cluster -- [--players 64] [--seconds 20] [--warmup 5] [--per-room 8] ' +
  '[--workers 2] [--kill] [--only "two processes, players crossed"] [--json out.json]';

async function main(): Promise<void> {
  const args = readOptions({
    players: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    'per-room': { type: 'string' },
    workers: { type: 'string' },
    kill: { type: 'boolean' },
    only: { type: 'string' },
    json: { type: 'string' },
  });
  const scenarios = SCENARIOS.filter((s) => !args.only || s.name === args.only);
  if (scenarios.length === 0)
    throw new UsageError(`--only names none of: ${SCENARIOS.map((s) => s.name).join('; ')}`);
  const jsonFile = outputFileOption('json', args.json);
  const options = {
    players: numberOption('players', args.players, 64, 'count'),
    seconds: numberOption('seconds', args.seconds, 20, 'positive'),
    warmupSeconds: numberOption('warmup', args.warmup, 5),
    perRoom: integerOption('per-room', args['per-room'], 8, 1, ROOM_PLAYERS_MAX),
    workers: numberOption('workers', args.workers, 2, 'count'),
    kill: args.kill === true,
    log: (line: string) => console.log(`bench:cluster: ${line}`),
  };
  const results: ScenarioResult[] = [];
  console.log('Arena cluster benchmark');
  for (const scenario of scenarios) {
    const result = await runScenario(scenario, options);
    results.push(result);
    // Each table as soon as it is measured: a long run stopped halfway keeps what it has.
    console.log(`\n${formatScenario(result)}\n`);
  }
  const json = JSON.stringify(results, null, 2);
  console.log(json);
  if (jsonFile) writeFileSync(jsonFile, json + '\n');
  process.exit(0);
}

runCommand('bench:cluster', USAGE, main);

/**
 * `npm run soak -- --minutes N`: players churn through rooms of an in-process server for N
 * minutes, then the server is checked for leaks. Prints the report as text, then as JSON
 * (also written to --json FILE when given). Exits 1 on a leak or a problem, 2 on bad usage.
 */
import { writeFileSync } from 'node:fs';
import { numberOption, outputFileOption, readOptions, runCommand } from '@arena/devkit';
import { formatReport } from './report.js';
import { runSoak } from './soak.js';

const USAGE = 'usage: npm run soak -- [--minutes 3] [--bots 24] [--seed 1] [--json report.json]';

async function main(): Promise<void> {
  const args = readOptions({
    minutes: { type: 'string' },
    bots: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'string' },
  });
  const jsonFile = outputFileOption('json', args.json);
  const report = await runSoak({
    minutes: numberOption('minutes', args.minutes, 3, 'positive'),
    bots: numberOption('bots', args.bots, 24, 'count'),
    seed: numberOption('seed', args.seed, 1),
    log: (line) => console.log(line),
  });
  console.log(`\n${formatReport(report)}\n`);
  const json = JSON.stringify(report, null, 2);
  console.log(json);
  if (jsonFile) writeFileSync(jsonFile, json + '\n');
  process.exit(report.ok ? 0 : 1);
}

runCommand('soak', USAGE, main);

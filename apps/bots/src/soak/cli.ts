/**
 * `npm run soak -- --minutes N`: players churn through rooms of an in-process server for N
 * minutes, then the server is checked for leaks. Prints the report as text, then as JSON
 * (also written to --json FILE when given). Exits 1 on a leak or a problem, 2 on bad usage.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs, positiveNumber, UsageError } from '../cli-args.js';
import { formatReport } from './report.js';
import { runSoak } from './soak.js';

const USAGE = 'usage: npm run soak -- [--minutes 3] [--bots 24] [--seed 1] [--json report.json]';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { minutes: '3', bots: '24', seed: '1', json: '' });
  const minutes = positiveNumber(args, 'minutes');
  if (minutes <= 0) throw new UsageError('--minutes must be more than 0');
  const report = await runSoak({
    minutes,
    bots: positiveNumber(args, 'bots'),
    seed: positiveNumber(args, 'seed'),
    log: (line) => console.log(line),
  });
  console.log(`\n${formatReport(report)}\n`);
  const json = JSON.stringify(report, null, 2);
  console.log(json);
  if (args.json) writeFileSync(args.json, json + '\n');
  process.exit(report.ok ? 0 : 1);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    if (error.message) console.error(`soak: ${error.message}`);
    console.error(USAGE);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});

/**
 * `npm run conformance -- --url http://host:port`: runs PROTOCOL.md's rules against a running
 * server; a pass/fail line per rule, or JSON with `--json`; exit code 1 when any rule failed.
 */
import { readOptions, runCommand, UsageError } from '@arena/devkit';
import { RULES } from './rules/index.js';
import { runSuite, type RuleResult } from './suite.js';

const USAGE = `usage: npm run conformance -- --url http://HOST:PORT [--json] [--only id,id]
rules: ${RULES.map((r) => r.id).join(', ')}`;

function line(r: RuleResult): string {
  const head = `${r.passed ? 'PASS' : 'FAIL'}  ${r.id.padEnd(22)} ${r.section.padEnd(10)} ${r.says}`;
  return r.passed ? head : `${head}\n      ${r.error}`;
}

runCommand('conformance', USAGE, async () => {
  const options = readOptions({
    url: { type: 'string' },
    json: { type: 'boolean' },
    only: { type: 'string' },
  });
  if (!options.url) throw new UsageError('--url is required');
  const url = options.url.replace(/\/$/, '');
  const only = options.only?.split(',').map((id) => id.trim());
  const json = options.json === true;
  const results = await runSuite({
    url,
    only,
    onResult: json ? undefined : (r) => console.log(line(r)),
  });
  const failed = results.filter((r) => !r.passed).length;
  if (json)
    console.log(JSON.stringify({ url, passed: results.length - failed, failed, results }, null, 2));
  else console.log(`\n${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
});

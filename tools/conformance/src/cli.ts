/**
 * `npm run conformance -- --url http://host:port`: runs PROTOCOL.md's rules against a running
 * server; a pass/fail line per rule, or JSON with `--json`; exit code 1 when any rule failed.
 */
import { readOptions, runCommand, UsageError } from '@arena/devkit';
import { reachable } from './reachable.js';
import { RULES } from './rules/index.js';
import { runSuite, type RuleResult } from './suite.js';

const USAGE = `usage: npm run conformance -- --url http://HOST:PORT [--json] [--only id,id]
rules: ${RULES.map((r) => r.id).join(', ')}`;

function line(r: RuleResult): string {
  const head = `${r.passed ? 'PASS' : 'FAIL'}  ${r.id.padEnd(22)} ${r.section.padEnd(10)} ${r.says}`;
  return r.passed ? head : `${head}\n      ${r.error}`;
}

/**
 * The server's address, without a trailing slash; a usage error unless it is an http(s) URL.
 * One that does not parse is said as such: `http://256.1.1.1` is http, just not an address.
 */
function serverUrl(raw: string | undefined): string {
  if (!raw) throw new UsageError('--url is required');
  if (/^https?:\/\//i.test(raw) && !URL.canParse(raw))
    throw new UsageError(`--url is not a valid address: "${raw}"`);
  const protocol = URL.canParse(raw) ? new URL(raw).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:')
    throw new UsageError(`--url must be an http:// or https:// address, got "${raw}"`);
  return raw.replace(/\/$/, '');
}

/** Rule ids to run, each one known; all when absent. */
function ruleIds(raw: string | undefined): string[] | undefined {
  const only = raw?.split(',').map((id) => id.trim());
  const unknown = only?.filter((id) => !RULES.some((r) => r.id === id)) ?? [];
  if (unknown.length > 0) throw new UsageError(`--only names no rule: ${unknown.join(', ')}`);
  return only;
}

runCommand('conformance', USAGE, async () => {
  const options = readOptions({
    url: { type: 'string' },
    json: { type: 'boolean' },
    only: { type: 'string' },
  });
  const url = serverUrl(options.url);
  const only = ruleIds(options.only);
  const json = options.json === true;
  await reachable(url);
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

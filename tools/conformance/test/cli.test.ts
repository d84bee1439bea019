/**
 * `npm run conformance` as a person runs it: a command line it cannot use, or a server it
 * cannot reach, is said once, in one line, before any rule runs.
 */
import { freePort, runFromSource } from '@arena/devkit';
import { describe, expect, it } from 'vitest';

const conformance = (...args: string[]) => runFromSource('tools/conformance/src/cli.ts', args);

describe('the conformance command line', () => {
  it('names a server that does not answer, once, and exits 1', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = conformance('--url', url);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`conformance: cannot reach ${url}: ECONNREFUSED\n`);
    expect(run.stdout).toBe('');
  });

  it('refuses an address that is not http(s) or not valid, and an unknown rule: exit code 2', () => {
    const notUrl = conformance('--url', 'localhost:3000');
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toMatch(/^conformance: --url must be an http:\/\/ or https:\/\//);
    const badHost = conformance('--url', 'http://256.1.1.1:3000');
    expect(badHost.code).toBe(2);
    expect(badHost.stderr).toMatch(/^conformance: --url is not a valid address: "http:\/\/256/);
    const noRule = conformance('--url', 'http://127.0.0.1:1', '--only', 'time-ping,nope');
    expect(noRule.code).toBe(2);
    expect(noRule.stderr).toMatch(/^conformance: --only names no rule: nope\nusage: .*\nrules: /);
  });
});

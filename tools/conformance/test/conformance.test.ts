/**
 * The suite against a real Arena server process: if the server and docs/PROTOCOL.md drift
 * apart, one of these rules fails here, in CI, naming the rule and the section of the page.
 */
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES, runSuite } from '../src/index.js';

let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess({ env: { LOG_LEVEL: 'info' } });
}, 30_000);

afterAll(async () => {
  await server?.kill();
});

describe('protocol conformance of the Arena server', () => {
  it('passes every rule of PROTOCOL.md', async () => {
    const results = await runSuite({ url: server.url });
    expect(results.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const failed = results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.error}`);
    expect(failed).toEqual([]);
  }, 180_000);

  it('reports a rule as failed, with the reason, when no server answers', async () => {
    // A rule that cannot connect must fail, not pass by accident.
    const results = await runSuite({ url: 'http://127.0.0.1:1', only: ['time-ping'] });
    expect(results).toMatchObject([{ id: 'time-ping', passed: false }]);
    expect(results[0]!.error).toContain('connect_error');
  });
});

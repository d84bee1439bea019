/**
 * `npm run bots` as a person runs it: bots that cannot connect or join say why (the network's
 * error, the server's error code) and the command exits 1 instead of "0 joined" and 0.
 */
import { spawn } from 'node:child_process';
import {
  FROM_SOURCE,
  REPO_ROOT,
  freePort,
  startServerProcess,
  type ServerProcess,
} from '@arena/devkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BOTS = [...FROM_SOURCE, 'apps/bots/src/cli.ts'];

function runBots(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...BOTS, ...args], { cwd: REPO_ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

describe('bots command line', { timeout: 30_000 }, () => {
  it('a server nobody listens for: the connection error, exit code 1', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await runBots(['--url', url, '--count', '2', '--workers', '1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bots: 0 of 2 joined');
    expect(run.stderr).toContain(`could not connect to ${url}: connect ECONNREFUSED`);
  });

  it('a code that names no room: the server says ROOM_NOT_FOUND, exit code 1', async () => {
    const run = await runBots(['--url', server.url, '--count', '2', '--join', 'ZZZZZ']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bots: 2 of 2 failed: could not join: ROOM_NOT_FOUND (×2)');
  });

  it('bots that join play until their time is up, exit code 0', async () => {
    const run = await runBots(['--url', server.url, '--count', '2', '--seconds', '2']);
    expect(run.stdout).toContain('bots: 2 of 2 joined');
    expect(run.code).toBe(0);
  });
});

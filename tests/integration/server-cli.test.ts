/**
 * The server's command line as a host meets it: `--help`, and a start that cannot happen ends
 * with one clear line and an exit code, never a stack trace.
 */
import { createServer, type Server } from 'node:net';
import { loadConfig } from '@arena/server';
import { afterEach, describe, expect, it } from 'vitest';
import { runServerToExit } from '@arena/devkit';

let blocker: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  blocker = undefined;
});

function occupiedPort(): Promise<number> {
  return new Promise((resolve) => {
    blocker = createServer().listen(0, '127.0.0.1', () => {
      const address = blocker!.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** A refusal a person can read: one line on stderr, no stack frames. */
function expectOneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('server command line', () => {
  it('--help lists every variable with its flag, default and meaning, and exits 0', async () => {
    const { code, stdout, stderr } = await runServerToExit(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const name of Object.keys(loadConfig({}))) {
      const flag = `--${name.toLowerCase().replaceAll('_', '-')}`;
      expect(stdout).toMatch(new RegExp(`^  ${flag} <value>   \\(${name}; default `, 'm'));
    }
    expect(stdout).toContain('  --port <value>   (PORT; default 3000; 0–65535)\n');
    expect(stdout).toContain('      TCP port for the page, the socket and the HTTP routes\n');
    expect(stdout).toContain('(LOG_LEVEL; default info; fatal, error, warn, info, debug');
  });

  it('a port already in use: one line naming PORT, exit code 1', async () => {
    const port = await occupiedPort();
    const { code, stderr } = await runServerToExit([], { PORT: String(port), LOG_LEVEL: 'warn' });
    expect(code).toBe(1);
    expect(expectOneLine(stderr)).toBe(
      `arena: port ${port} is already in use (PORT=${port} HOST=127.0.0.1); stop what uses it, or choose another port with PORT or --port`,
    );
  });

  it('a bad value: one line naming the variable, exit code 2', async () => {
    const { code, stderr } = await runServerToExit(['--tick-rate-hz', '1000']);
    expect(code).toBe(2);
    expect(expectOneLine(stderr)).toMatch(/^arena: invalid configuration: TICK_RATE_HZ: .*--help/);
  });
});

/**
 * What the server prints. Under a service manager (no terminal): JSON lines only on stdout,
 * probes not logged, the links as fields. In a terminal: pino-pretty and the banner with the
 * links to share, which in development point at Vite's page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { hostTool, requireTool } from '../support/host-tools.js';
import {
  freePort,
  REPO_ROOT,
  serverCommandLine,
  startServerProcess,
  type ServerProcess,
} from '@arena/devkit';

/** util-linux's `script` runs a command in a pseudo-terminal, as a person's shell would. */
const script = hostTool('script', 'bsdutils');

let server: ServerProcess | undefined;
let terminal: ChildProcess | undefined;
afterEach(async () => {
  await server?.kill();
  server = undefined;
  if (terminal && terminal.exitCode === null) {
    const exited = new Promise((resolve) => terminal!.once('exit', resolve));
    terminal.kill('SIGTERM');
    await exited;
  }
  terminal = undefined;
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the log');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Runs the server in a terminal until `done` matches what it printed; returns that. */
async function inTerminal(
  test: Parameters<typeof requireTool>[0],
  env: Record<string, string>,
  done: RegExp,
): Promise<string> {
  const path = requireTool(test, script);
  const port = await freePort();
  terminal = spawn(path, ['-qfec', serverCommandLine(), '/dev/null'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${done} in:\n${output}`)), 20_000);
    terminal!.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString().replaceAll('\r', '');
      if (done.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
  });
}

describe('server output without a terminal', () => {
  it('is JSON lines on stdout, with no probe requests and the links as fields', async () => {
    server = await startServerProcess({ env: { LOG_LEVEL: 'info' } });
    // startServerProcess polled /healthz until it answered; now the other probes and a page.
    for (const path of ['/healthz', '/readyz', '/metrics', '/no-such-page']) {
      await fetch(`${server.url}${path}`);
    }
    // The log reaches this process through a pipe, after the response: wait for the last line.
    await until(() => /"url":"\/no-such-page"/.test(server!.stdout()));
    const lines = jsonLines(server.stdout());
    const urls = lines.map((line) => (line.req as { url?: string } | undefined)?.url);
    expect(urls).toContain('/no-such-page');
    expect(urls.filter((url) => url && /^\/(healthz|readyz|metrics)/.test(url))).toEqual([]);
    const running = lines.find((line) => line.msg === 'Arena is running');
    expect(running).toMatchObject({ port: Number(new URL(server.url).port), lan: [] });
    expect(running?.local).toBe(`${server.url}/`);
    expect(server.output()).not.toContain('Network:');
  });
});

describe('server output in a terminal', () => {
  it('is pino-pretty with the banner of links to share', async (test) => {
    const output = await inTerminal(test, {}, /Local: +\S+/);
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\] \S*INFO\S*: \S*Arena is running/m);
    expect(output).not.toMatch(/^\{"level"/m);
    expect(output).toMatch(/^ {2}Arena is running\.$/m);
    expect(output).toMatch(/^ {2}Local: +http:\/\/127\.0\.0\.1:\d+\/$/m);
  });

  it("in development, shares Vite's page, not the server's last build", async (test) => {
    const output = await inTerminal(test, { DEV_CLIENT_PORT: '5173' }, /last build/);
    expect(output).toMatch(/development: the live client is Vite's, on :5173/);
    expect(output).toMatch(/^ {2}Local: +http:\/\/127\.0\.0\.1:5173\/$/m);
  });
});

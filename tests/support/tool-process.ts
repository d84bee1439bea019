/**
 * A host tool (nginx, Caddy, Prometheus) run as a process of its own for one test: started,
 * waited for until its port accepts connections, and stopped by its PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export interface ToolProcess {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startTool(
  path: string,
  args: readonly string[],
  options: { port: number; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ToolProcess> {
  let output = '';
  const child = spawn(path, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const tool: ToolProcess = {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (!(await accepts(options.port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await tool.stop();
      throw new Error(`${path} did not listen on port ${options.port}:\n${output}`);
    }
    // Polling the port is the only way to learn when another program listens on it.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return tool;
}

/** Caddy serving one site (a Caddyfile site block) on `port`, its files and state in `dir`. */
export function startCaddy(
  caddy: string,
  dir: string,
  site: string,
  port: number,
): Promise<ToolProcess> {
  writeFileSync(join(dir, 'Caddyfile'), `{\n\tadmin off\n}\n\n${site}`);
  const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
  const args = ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'];
  return startTool(caddy, args, { port, cwd: dir, env });
}

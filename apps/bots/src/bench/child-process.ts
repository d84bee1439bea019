/**
 * The bench's own child processes (the floor server, the bot processes): TypeScript run from
 * source like the rest of the tools, with an IPC channel to ask them things.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '@arena/devkit';

const MAX_OUTPUT_CHARS = 64 * 1024;

export interface BenchChild {
  process: ChildProcess;
  /** The newest of what it printed, for error messages. */
  output: () => string;
  exited: Promise<void>;
}

/**
 * Starts `entry` (a URL of a .ts file) as a Node process with tsx and an IPC channel;
 * `nodeArgs` go to Node itself (a `--cpu-prof`).
 */
export function forkTypeScript(
  entry: URL,
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = [],
): BenchChild {
  const child = fork(fileURLToPath(entry), [], {
    cwd: REPO_ROOT,
    execArgv: [...nodeArgs, '--conditions=@arena/source', '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-MAX_OUTPUT_CHARS));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { process: child, output: () => output, exited };
}

/**
 * Sends `message` (if any) and resolves with the child's first reply of type `replyType`;
 * rejects if the child exits first or takes longer than `timeoutMs`.
 */
export function request<R extends { type: string }, T extends R['type']>(
  child: BenchChild,
  message: object | null,
  replyType: T,
  timeoutMs: number,
): Promise<Extract<R, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.process.off('message', onMessage);
      child.process.off('exit', onExit);
    };
    const onMessage = (reply: R) => {
      if (reply.type !== replyType) return;
      done();
      resolve(reply as Extract<R, { type: T }>);
    };
    const onExit = () => {
      done();
      reject(new Error(`the child process exited before its ${replyType}:\n${child.output()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${replyType} within ${timeoutMs / 1000} s:\n${child.output()}`));
    }, timeoutMs);
    child.process.on('message', onMessage);
    child.process.once('exit', onExit);
    if (message) child.process.send(message);
  });
}

/** Asks it to stop (`stop` message), then SIGKILL if it has not exited after `graceMs`. */
export async function stopChild(child: BenchChild, graceMs = 5000): Promise<void> {
  const { process: p } = child;
  if (p.exitCode !== null || p.signalCode !== null) return;
  if (p.connected) p.send({ type: 'stop' });
  else p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

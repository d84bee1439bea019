/**
 * Whatever ends the launcher, what it started ends first: a Ctrl-C, a SIGTERM, the terminal
 * closing (SIGHUP), its output closed early (`npm run cluster | head`: EPIPE on the next
 * write), or an error nobody caught. Without this, Node dies on the EPIPE or the error at
 * once and leaves redis-server and the servers running with nobody to stop them.
 */

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Writes to stderr; once stderr itself is gone there is nobody left to tell. */
function tell(line: string): void {
  if (!process.stderr.destroyed) process.stderr.write(`${line}\n`);
}

/**
 * Installs the handlers and returns `end(code, why?)`: says why (when there is a reason to),
 * runs `stopAll` once, and exits with `code`. A signal is a stop asked for: exit code 0.
 */
export function stopOnAnyEnd(
  name: string,
  stopAll: () => Promise<void>,
): (code: number, why?: string) => void {
  let ending = false;
  const end = (code: number, why?: string) => {
    if (ending) return;
    ending = true;
    if (why) tell(`${name}: ${why}`);
    void stopAll()
      .catch((error: Error) => tell(`${name}: while stopping: ${error.message}`))
      .finally(() => process.exit(code));
  };
  for (const signal of SIGNALS) process.on(signal, () => end(0));
  const closed = (stream: string) => (error: NodeJS.ErrnoException) =>
    end(
      1,
      error.code === 'EPIPE' ? `${stream} was closed; stopping` : `${stream}: ${error.message}`,
    );
  process.stdout.on('error', closed('stdout'));
  process.stderr.on('error', closed('stderr'));
  process.on('uncaughtException', (error) => end(1, `unexpected error: ${error.stack}`));
  process.on('unhandledRejection', (error) => end(1, `unexpected error: ${String(error)}`));
  return end;
}

/**
 * Graceful shutdown: refuse new players, tell the connected ones the server is restarting,
 * let the tick in progress finish (ticks are synchronous, so it already has when this runs),
 * close every socket, and exit within a bounded time: whatever connection is still open when
 * SHUTDOWN_GRACE_MS has passed (a client that never answers a close, a half-sent request, a
 * silent TCP connection) is destroyed then, so no client can hold the process up.
 */
import { ErrorCode } from '@arena/shared/protocol';
import type { BuiltApp } from './app.js';

export async function shutDownGracefully({
  app,
  services,
  loop,
  openSockets,
}: BuiltApp): Promise<void> {
  const graceMs = services.config.SHUTDOWN_GRACE_MS;
  const graceEnds = setTimeout(() => openSockets.destroyAll(), graceMs);
  services.shuttingDown = true;
  // This process's own players: in a cluster, the others' play on.
  services.io.local.emit('server:notice', {
    code: ErrorCode.ServerShuttingDown,
    message: 'The server is restarting. You will be reconnected in a moment.',
  });
  loop.stop();
  // Give the notice a moment to leave the socket buffers before the sockets close.
  await new Promise((resolve) => setTimeout(resolve, Math.min(250, graceMs)));
  try {
    await app.close();
  } finally {
    clearTimeout(graceEnds);
  }
}

/** Runs `shutDownGracefully`, but never for longer than `timeoutMs`. Resolves to the exit code. */
export async function shutDownWithin(built: BuiltApp, timeoutMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(1), timeoutMs);
  });
  const done = shutDownGracefully(built).then(
    () => 0,
    (error: unknown) => {
      built.app.log.error({ err: error }, 'shutdown failed');
      return 1;
    },
  );
  const code = await Promise.race([done, timeout]);
  clearTimeout(timer);
  return code;
}

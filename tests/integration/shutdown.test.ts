/**
 * Graceful shutdown of the real server process: on SIGTERM the connected players are told the
 * server is restarting, their sockets close, and the process exits 0 within a bounded time.
 */
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { ErrorCode, type ServerPayload } from '@arena/shared/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { disconnectOf } from '../support/connections.js';
import {
  closeAll,
  createRoom,
  joinRoom,
  waitFor,
  waitForTicks,
  type PlayerSocket,
} from '../support/player.js';

const SHUTDOWN_GRACE_MS = 1000;
/** main.ts gives up after the grace period plus 3 s; waiting longer than that is a failure. */
const EXIT_BOUND_MS = SHUTDOWN_GRACE_MS + 3000 + 2000;

let server: ServerProcess | undefined;
const sockets: PlayerSocket[] = [];

afterEach(async () => {
  closeAll(sockets);
  await server?.kill();
  server = undefined;
});

function exitWithin(process: ServerProcess, timeoutMs: number) {
  return Promise.race([
    process.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no exit within ${timeoutMs} ms of SIGTERM`)), timeoutMs),
    ),
  ]);
}

describe('graceful shutdown', () => {
  it('tells connected players, closes their sockets and exits 0 on SIGTERM', async () => {
    server = await startServerProcess({ env: { SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS) } });
    const host = await createRoom(server.url, 'Host');
    const guest = await joinRoom(server.url, host.joined.roomCode, 'Guest');
    const players = [host.socket, guest.socket];
    sockets.push(...players);
    await waitForTicks(host.socket, 3);

    const notices = players.map((s) => waitFor(s, 'server:notice', undefined, EXIT_BOUND_MS));
    const closed = players.map((s) => disconnectOf(s, EXIT_BOUND_MS));
    const roomErrors: ServerPayload<'error'>[] = [];
    host.socket.on('error', (e) => roomErrors.push(e));
    const exit = exitWithin(server, EXIT_BOUND_MS);
    server.child.kill('SIGTERM');

    for (const notice of await Promise.all(notices)) {
      expect(notice.code).toBe(ErrorCode.ServerShuttingDown);
      expect(notice.message).toMatch(/restarting/);
    }
    for (const reason of await Promise.all(closed)) {
      expect(['io server disconnect', 'transport close']).toContain(reason);
    }
    expect(await exit).toEqual({ code: 0, signal: null });
    // Rooms were closed with the same reason, not as a failure.
    expect(roomErrors.every((e) => e.code === ErrorCode.ServerShuttingDown)).toBe(true);
  }, 40_000);

  it('exits 0 on SIGTERM with nobody connected', async () => {
    server = await startServerProcess();
    const exit = exitWithin(server, EXIT_BOUND_MS);
    server.child.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
  }, 40_000);
});

/**
 * Graceful shutdown of the real server process: on SIGTERM the connected players are told the
 * server is restarting, their sockets close, and the process exits 0 within a bounded time.
 */
import { connect, type Socket } from 'node:net';
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { connectFrame, openEngine, RawTcp } from '@arena/bots/attack';
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

/** What the process may take beyond its grace period when clients hang: a second at most. */
const HANGING_BOUND_MS = 1000;

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

  it('exits 0 within the grace period whatever its clients do, open, half-open or hanging', async () => {
    server = await startServerProcess({ env: { SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS) } });
    const port = Number(new URL(server.url).port);
    const target = { url: server.url, port };
    const host = await createRoom(server.url, 'Host');
    sockets.push(host.socket);
    const hanging = await openHangingClients(port, target);
    try {
      const startedMs = performance.now();
      const exit = exitWithin(server, SHUTDOWN_GRACE_MS + HANGING_BOUND_MS);
      server.child.kill('SIGTERM');
      expect(await exit).toEqual({ code: 0, signal: null });
      expect(performance.now() - startedMs).toBeLessThan(SHUTDOWN_GRACE_MS + HANGING_BOUND_MS);
    } finally {
      for (const close of hanging) close();
    }
  }, 40_000);

  it('exits 0 on SIGTERM with nobody connected', async () => {
    server = await startServerProcess();
    const exit = exitWithin(server, EXIT_BOUND_MS);
    server.child.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
  }, 40_000);
});

/**
 * Clients that would each keep a careless server from closing: one that joined and then stopped
 * reading, a half-sent request, a TCP connection that never says anything, an echo socket that
 * never answers a close, a long poll in progress and an upgrade of it left half done. Returns
 * how to let go of them.
 */
async function openHangingClients(
  port: number,
  target: { url: string; port: number },
): Promise<(() => void)[]> {
  const joined = await openEngine(target);
  joined?.sendTexts([connectFrame()]);
  await joined?.until(() => joined.texts.some((t) => t.startsWith('40')));
  joined?.socket.pause();
  const echo = await RawTcp.upgrade(port, { path: '/echo' });
  echo.socket.pause();
  const silent: Socket = connect(port, '127.0.0.1');
  const halfSent: Socket = connect(port, '127.0.0.1', () =>
    halfSent.write('GET /healthz HTTP/1.1\r\nHost: arena\r\n'),
  );
  const open = await fetch(`${target.url}/socket.io/?EIO=4&transport=polling`);
  const sid = /"sid":"([^"]+)"/.exec(await open.text())?.[1];
  const longPoll = new AbortController();
  void fetch(`${target.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
    signal: longPoll.signal,
  }).catch(() => undefined);
  // An upgrade of that polling connection, probed and then left half done, not reading.
  const probing = await RawTcp.upgrade(port, {
    path: `/socket.io/?EIO=4&transport=websocket&sid=${sid}`,
  });
  probing.sendTexts(['2probe']);
  await probing.until(() => probing.texts.includes('3probe'));
  probing.socket.pause();
  await new Promise((resolve) => setTimeout(resolve, 200));
  return [
    () => joined?.destroy(),
    () => echo.destroy(),
    () => silent.destroy(),
    () => halfSent.destroy(),
    () => longPoll.abort(),
    () => probing.destroy(),
  ];
}

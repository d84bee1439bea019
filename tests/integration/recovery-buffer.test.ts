/**
 * What connection-state recovery keeps in memory for replay: chat and room events, but never
 * snapshots, which arrive every tick in every room and are superseded by the next one (kept,
 * they held a minute of every room's snapshots: socket.io trims its store once a minute), nor
 * clock-sync pongs (one a second per client; a pong replayed after a drop is only a stale
 * clock sample).
 */
import { describe, expect, it } from 'vitest';
import { createRoom, joinRoom, snapshotOf, waitFor, waitForTicks } from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest({ RECONNECT_GRACE_SECONDS: 30 });

/** The recovery store of socket.io's in-memory adapter (private there, hence the cast). */
function storedEvents(): string[] {
  const adapter = ctx.server.services.io.of('/').adapter as unknown as {
    packets: { data: unknown[] }[];
  };
  return adapter.packets.map((p) => String(p.data[0]));
}

describe('recovery buffer', () => {
  it('stores chat for replay but not snapshots, and delivers snapshots unchanged', async () => {
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const frames: unknown[][] = [];
    host.socket.on('state:snapshot', (...args: unknown[]) => frames.push(args));
    await waitForTicks(host.socket, 10);
    const chat = waitFor(host.socket, 'chat:message');
    host.socket.emit('chat:send', { text: 'kept for replay' });
    await chat;

    expect(storedEvents()).toContain('chat:message');
    expect(storedEvents()).not.toContain('state:snapshot');
    // One argument, the frame: no recovery offset appended to it.
    expect(frames.every((args) => args.length === 1)).toBe(true);
    expect(snapshotOf(frames.at(-1)![0]).players).toHaveLength(1);
  });

  it('stores no pong, appends no offset to one, and answers every ping in order', async () => {
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const pongs: unknown[][] = [];
    host.socket.on('time:pong', (...args: unknown[]) => pongs.push(args));
    for (let i = 1; i <= 5; i++) host.socket.emit('time:ping', { clientTimeMs: i });
    await waitFor(host.socket, 'time:pong', (pong) => pong.clientTimeMs === 5);

    expect(pongs.map(([pong]) => (pong as { clientTimeMs: number }).clientTimeMs)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(pongs.every((args) => args.length === 1)).toBe(true);
    expect(storedEvents()).not.toContain('time:pong');
  });

  it('still replays a missed chat message after a brief drop', async () => {
    const host = await createRoom(ctx.server.url, 'Host');
    const guest = await joinRoom(ctx.server.url, host.joined.roomCode, 'Guest');
    ctx.sockets.push(host.socket, guest.socket);
    // Something stored first, so the guest has a recovery offset to come back with.
    const first = waitFor(guest.socket, 'chat:message');
    host.socket.emit('chat:send', { text: 'before the drop' });
    await first;
    await waitForTicks(guest.socket, 3);

    const left = new Promise<void>((resolve) => {
      const serverSocket = ctx.server.services.io.of('/').sockets.get(guest.socket.id!)!;
      serverSocket.once('disconnect', () => resolve());
    });
    guest.socket.io.engine.close();
    await left;
    host.socket.emit('chat:send', { text: 'while you were away' });
    await waitForTicks(host.socket, 2);

    const replayed = waitFor(guest.socket, 'chat:message', (m) => m.text === 'while you were away');
    guest.socket.connect();
    expect((await replayed).text).toBe('while you were away');
    expect(guest.socket.recovered).toBe(true);
  });
});

/**
 * The snapshot stream as a connection sees it: a keyframe first, then deltas against the
 * snapshot before, each one binary message; a keyframe again after `state:resync` and for a
 * second member joining mid-stream; the same over long-polling.
 */
import { describe, expect, it } from 'vitest';
import { SnapshotKind } from '@arena/shared/protocol';
import {
  connectPlayer,
  connected,
  createRoom,
  snapshotOf,
  waitFor,
  waitForTicks,
  type PlayerSocket,
} from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest();

/** The kind byte of each snapshot frame the socket receives from now on. */
function recordKinds(socket: PlayerSocket): number[] {
  const kinds: number[] = [];
  socket.on('state:snapshot', (frame) => kinds.push(new Uint8Array(frame)[0]!));
  return kinds;
}

describe('snapshot stream', () => {
  it('starts with a keyframe, then sends deltas, and a keyframe again on state:resync', async () => {
    const socket = connectPlayer(ctx.server.url);
    ctx.sockets.push(socket);
    const kinds = recordKinds(socket);
    await connected(socket);
    const joined = waitFor(socket, 'room:joined');
    socket.emit('room:create', { name: 'Host' });
    await joined;
    await waitForTicks(socket, 5);
    expect(kinds[0]).toBe(SnapshotKind.Keyframe);
    expect(kinds.slice(1).every((k) => k === SnapshotKind.Delta)).toBe(true);

    const before = kinds.length;
    socket.emit('state:resync', {});
    await waitForTicks(socket, 10);
    const after = kinds.slice(before);
    expect(after).toContain(SnapshotKind.Keyframe);
    // One keyframe, then deltas again.
    expect(after.filter((k) => k === SnapshotKind.Keyframe)).toHaveLength(1);
  });

  it('gives a member who joins mid-stream a keyframe, over long-polling too', async () => {
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    await waitForTicks(host.socket, 5);
    const guest = connectPlayer(ctx.server.url, { transports: ['polling'] });
    ctx.sockets.push(guest);
    const kinds = recordKinds(guest);
    await connected(guest);
    const joined = waitFor(guest, 'room:joined');
    guest.emit('room:join', { code: host.joined.roomCode, name: 'Guest' });
    await joined;
    const seen = await waitForTicks(guest, 10);
    expect(kinds[0]).toBe(SnapshotKind.Keyframe);
    expect(kinds).toContain(SnapshotKind.Delta);
    expect(seen.players).toHaveLength(2);
    expect(guest.io.engine.transport.name).toBe('polling');
    // The host, in step all along, reads the same room from its deltas.
    const hostFrame = await waitFor(host.socket, 'state:snapshot');
    expect(snapshotOf(hostFrame).players).toHaveLength(2);
  });
});

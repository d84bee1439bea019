/**
 * Leaving is total. A player's transport is cut and socket.io recovers the connection, but the
 * client does not show its session token: the server answers it as a member of no room, so it
 * must also hear nothing of that room (socket.io's recovery would otherwise put it back into
 * the room's channel), and a room it then opens is the only one it hears.
 */
import { ErrorCode } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import {
  connectPlayer,
  createRoom,
  snapshotOf,
  waitFor,
  waitForSnapshot,
  waitForTicks,
} from '../../support/player.js';
import { serverPerTest } from '../../support/server-per-test.js';

const ctx = serverPerTest({ RECONNECT_GRACE_SECONDS: 30 });

describe('a connection recovered without its seat', () => {
  it("hears nothing of its old room, and only its new room's snapshots once it opens one", async () => {
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const guest = connectPlayer(ctx.server.url);
    guest.io.reconnection(true).reconnectionDelay(50);
    ctx.sockets.push(guest);
    const joined = waitFor(guest, 'room:joined');
    guest.emit('room:join', { code: host.joined.roomCode, name: 'Guest' });
    await joined;
    await waitForSnapshot(guest);

    const back = new Promise<void>((resolve) => guest.once('connect', resolve));
    guest.io.engine.close(); // no token in its auth: it cannot take its seat back
    await back;
    expect(guest.recovered).toBe(true);

    let heard = 0;
    guest.on('state:snapshot', () => (heard += 1));
    guest.on('chat:message', () => (heard += 1));
    const refused = waitFor(guest, 'error');
    guest.emit('player:input', { seq: 1, buttons: 0 });
    expect((await refused).code).toBe(ErrorCode.NotInRoom);
    host.socket.emit('chat:send', { text: 'anyone listening?' });
    await waitForTicks(host.socket, 10);
    expect(heard).toBe(0);

    const ownRoom = waitFor(guest, 'room:joined');
    guest.emit('room:create', { name: 'Own' });
    const own = await ownRoom;
    const playerSets = new Set<string>();
    guest.on('state:snapshot', (frame) => {
      const ids = snapshotOf(frame).players.map((p) => p.id);
      playerSets.add(JSON.stringify(ids));
    });
    await waitForTicks(guest, 10);
    expect([...playerSets]).toEqual([JSON.stringify([own.selfId])]);
  });
});

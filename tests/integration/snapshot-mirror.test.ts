/**
 * A seat's snapshot mirror over real sockets: a second connection that presents the seat's
 * token with `stream: 'snapshots'` gets the room's snapshots (a keyframe first, then its own
 * deltas, the same ticks as the main connection) and nothing else; it answers pings and
 * refuses everything else; one per seat; refused without a seat; closed with its seat; and
 * closing it leaves the seat playing.
 */
import { describe, expect, it } from 'vitest';
import { Button, ErrorCode, SNAPSHOT_MIRROR_STREAM, SnapshotKind } from '@arena/shared/protocol';
import { disconnectOf, refusalOf } from '../support/connections.js';
import {
  connectPlayer,
  connected,
  createRoom,
  snapshotOf,
  waitFor,
  waitForSnapshot,
  waitForTicks,
  type PlayerSocket,
} from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest();

function openMirror(sessionToken: string): PlayerSocket {
  const mirror = connectPlayer(ctx.server.url, { sessionToken, stream: SNAPSHOT_MIRROR_STREAM });
  ctx.sockets.push(mirror);
  return mirror;
}

async function hostWithMirror() {
  const host = await createRoom(ctx.server.url, 'Host');
  ctx.sockets.push(host.socket);
  const mirror = openMirror(host.joined.sessionToken);
  const events: string[] = [];
  const frames: { kind: number; tick: number }[] = [];
  mirror.onAny((event: string) => events.push(event));
  mirror.on('state:snapshot', (frame) =>
    frames.push({ kind: new Uint8Array(frame)[0]!, tick: snapshotOf(frame).tick }),
  );
  await connected(mirror);
  return { host, mirror, events, frames };
}

/** The ticks a socket's snapshots carry from now on. */
function recordTicks(socket: PlayerSocket): number[] {
  const ticks: number[] = [];
  socket.on('state:snapshot', (frame) => ticks.push(snapshotOf(frame).tick));
  return ticks;
}

describe('snapshot mirror', () => {
  it('gets the same ticks as the main connection, a keyframe first, and nothing else', async () => {
    const { host, mirror, events, frames } = await hostWithMirror();
    const mainTicks = recordTicks(host.socket);
    await waitForTicks(mirror, 15);
    await waitForTicks(host.socket, 2);
    expect(frames[0]!.kind).toBe(SnapshotKind.Keyframe);
    expect(frames.slice(1).every((f) => f.kind === SnapshotKind.Delta)).toBe(true);
    const mirrorTicks = frames.map((f) => f.tick);
    const shared = mirrorTicks.filter((t) => mainTicks.includes(t));
    expect(shared.length).toBeGreaterThanOrEqual(10);
    // Every tick the mirror got in the window both listened is one the main connection got.
    const window = mirrorTicks.filter((t) => t >= mainTicks[0]! && t <= mainTicks.at(-1)!);
    expect(window).toEqual(shared);
    expect(new Set(events)).toEqual(new Set(['state:snapshot']));
    const seen = await waitForSnapshot(mirror);
    expect(seen.players.map((p) => p.id)).toEqual([host.joined.selfId]);
  });

  it('answers time:ping and refuses what belongs on the main connection', async () => {
    const { mirror } = await hostWithMirror();
    const pong = waitFor(mirror, 'time:pong');
    mirror.emit('time:ping', { clientTimeMs: 1234 });
    expect((await pong).clientTimeMs).toBe(1234);
    const refused = waitFor(mirror, 'error');
    mirror.emit('player:input', { seq: 1, buttons: Button.Right });
    const error = await refused;
    expect(error).toMatchObject({ code: ErrorCode.MirrorOnly, event: 'player:input' });
    expect(error.message).toMatch(/main connection/);
    const chat = waitFor(mirror, 'error');
    mirror.emit('chat:send', { text: 'hello' });
    expect((await chat).code).toBe(ErrorCode.MirrorOnly);
    // Still a mirror: snapshots go on.
    await waitForTicks(mirror, 3);
  });

  it('is refused without a seat', async () => {
    const noToken = connectPlayer(ctx.server.url, { stream: SNAPSHOT_MIRROR_STREAM });
    const badToken = openMirror('ABCD.not-a-seat');
    ctx.sockets.push(noToken);
    expect(await refusalOf(noToken)).toMatchObject({ code: ErrorCode.MirrorRefused });
    const refusal = await refusalOf(badToken);
    expect(refusal.code).toBe(ErrorCode.MirrorRefused);
    expect(refusal.message).toMatch(/sessionToken/);
    expect(ctx.server.services.sockets.total).toBe(0);
  });

  it('is one per seat: a new mirror closes the old one', async () => {
    const { host, mirror } = await hostWithMirror();
    await waitForTicks(mirror, 2);
    const closed = disconnectOf(mirror);
    const second = openMirror(host.joined.sessionToken);
    const kinds: number[] = [];
    second.on('state:snapshot', (frame) => kinds.push(new Uint8Array(frame)[0]!));
    expect(await closed).toBe('io server disconnect');
    await waitForTicks(second, 3);
    expect(kinds[0]).toBe(SnapshotKind.Keyframe);
  });

  it('leaves the seat playing when it closes, and closes when the seat leaves', async () => {
    const { host, mirror } = await hostWithMirror();
    await waitForTicks(mirror, 2);
    mirror.disconnect();
    const id = host.joined.selfId;
    for (let seq = 1; seq <= 10; seq++) host.socket.emit('player:input', { seq, buttons: 0 });
    const after = await waitForSnapshot(host.socket, (s) =>
      s.acks.some((a) => a.playerId === id && a.seq === 10),
    );
    expect(after.players.find((p) => p.id === id)?.connected).toBe(true);

    const again = openMirror(host.joined.sessionToken);
    await waitForTicks(again, 2);
    const closed = disconnectOf(again);
    host.socket.emit('room:leave', {});
    expect(await closed).toBe('io server disconnect');
  });

  it('is refused where the host turned mirrors off', async () => {
    await ctx.restartWith({ SNAPSHOT_MIRRORS: 'off' });
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const refusal = await refusalOf(openMirror(host.joined.sessionToken));
    expect(refusal).toMatchObject({ code: ErrorCode.MirrorRefused });
    expect(refusal.message).toMatch(/SNAPSHOT_MIRRORS=off/);
  });

  it('counts towards the connections an address may hold', async () => {
    await ctx.restartWith({ MAX_CONNECTIONS_PER_IP: 1 });
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const mirror = openMirror(host.joined.sessionToken);
    expect(await refusalOf(mirror)).toMatchObject({ code: ErrorCode.TooManyConnections });
  });
});

/**
 * Clients that lie about `seq`, send more inputs than there are ticks, or smuggle control
 * characters into names and chat gain nothing: movement stays within what one input per tick
 * allows, and text arrives bounded and clean.
 */
import {
  Button,
  CHAT_MAX_LENGTH,
  ErrorCode,
  NAME_MAX_LENGTH,
  type Snapshot,
} from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
import { describe, expect, it } from 'vitest';
import {
  connectPlayer,
  createRoom,
  joinRoom,
  waitFor,
  waitForSnapshot,
  waitForTicks,
  type PlayerSocket,
} from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const TICK_RATE_HZ = 30;
/** The farthest one tick of held movement can carry a player (no dash is ever pressed here). */
const MAX_STEP_PX = DEFAULT_SIM_CONFIG.maxSpeed / TICK_RATE_HZ;

const ctx = serverPerTest({ TICK_RATE_HZ, SNAPSHOT_RATE_HZ: TICK_RATE_HZ });

function me(snapshot: Snapshot, id: number) {
  const player = snapshot.players.find((p) => p.id === id);
  if (!player) throw new Error(`player ${id} is not in the snapshot`);
  return { ...player, ack: snapshot.acks.find((a) => a.playerId === id)?.seq ?? 0 };
}

/** Away from the nearer side wall, so a wall never shortens the distance being measured. */
function awayFromWall(x: number): number {
  return x < DEFAULT_SIM_CONFIG.arenaWidth / 2 ? Button.Right : Button.Left;
}

/** Every packet sent before it has been handled once the pong arrives (one socket is in order). */
async function barrier(socket: PlayerSocket): Promise<void> {
  const pong = waitFor(socket, 'time:pong');
  socket.emit('time:ping', { clientTimeMs: 0 });
  await pong;
}

async function soloLiar() {
  const liar = await createRoom(ctx.server.url, 'Liar');
  ctx.sockets.push(liar.socket);
  const id = liar.joined.selfId;
  const start = me(await waitForSnapshot(liar.socket), id);
  return { socket: liar.socket, id, start, direction: awayFromWall(start.x) };
}

describe('lying clients', () => {
  it('moves no faster when it sends several inputs per tick', async () => {
    const { socket, id, direction } = await soloLiar();
    let seq = 0;
    const rateLimited: string[] = [];
    socket.on('error', (e) => rateLimited.push(e.code));
    // Two inputs for every snapshot: within the input rate limit, but twice the tick rate.
    const burst = (): void => {
      for (let i = 0; i < 2; i++) socket.emit('player:input', { seq: ++seq, buttons: direction });
    };
    socket.on('state:snapshot', burst);
    const first = await waitForSnapshot(socket, (s) => me(s, id).ack > 0);
    const last = await waitForSnapshot(socket, (s) => s.tick >= first.tick + 40, 10_000);
    socket.off('state:snapshot', burst);
    const ticks = last.tick - first.tick;
    const moved = Math.abs(me(last, id).x - me(first, id).x);
    expect(moved).toBeLessThanOrEqual(ticks * MAX_STEP_PX + 1);
    // It did move, at least half as fast as it may: the bound is not met by standing still.
    expect(moved).toBeGreaterThan((ticks * MAX_STEP_PX) / 2);
    // More inputs arrived than ticks ran, so some were dropped from the backlog, not applied.
    expect(ctx.server.services.metrics.inputsDropped).toBeGreaterThan(0);
    expect(rateLimited).toEqual([]);
  });

  it('refuses repeated and backwards seqs: counted as dropped, never applied', async () => {
    const { socket, id, direction } = await soloLiar();
    const opposite = direction === Button.Right ? Button.Left : Button.Right;
    socket.emit('player:input', { seq: 10, buttons: direction });
    const honest = await waitForSnapshot(socket, (s) => me(s, id).ack === 10);
    const droppedBefore = ctx.server.services.metrics.inputsDropped;
    const lies = [10, 10, 9, 5, 1, 0];
    for (const seq of lies) socket.emit('player:input', { seq, buttons: opposite | Button.Dash });
    await barrier(socket);
    expect(ctx.server.services.metrics.inputsDropped - droppedBefore).toBe(lies.length);
    for (let i = 0; i < 10; i++) {
      // One slot per tick, each spent on a guess (the honest buttons again): the lies neither
      // ran nor moved the count. Still holding the one honest input: never turned, never dashed.
      const snapshot = await waitForSnapshot(socket);
      const state = me(snapshot, id);
      expect(state.ack).toBe(10 + snapshot.tick - honest.tick);
      expect(state.lastButtons).toBe(direction);
      expect(state.dashTicks).toBe(0);
      expect(Math.sign(state.vx)).not.toBe(direction === Button.Right ? -1 : 1);
    }
  });

  it('gains nothing from a seq that jumps far ahead', async () => {
    const { socket, id, direction } = await soloLiar();
    const errors: string[] = [];
    socket.on('error', (e) => errors.push(e.code));
    socket.emit('player:input', { seq: 0xffff_ffff, buttons: direction });
    const jumped = await waitForSnapshot(socket, (s) => me(s, id).ack === 0xffff_ffff);
    // Everything after the jump is older than it: none of these dashes or turns is applied.
    for (let seq = 1; seq <= 20; seq++)
      socket.emit('player:input', { seq, buttons: Button.Dash | Button.Up });
    socket.emit('player:input', { seq: 0x1_0000_0000, buttons: direction });
    await barrier(socket);
    expect(errors).toEqual([ErrorCode.InvalidPayload]);
    const later = await waitForSnapshot(socket, (s) => s.tick >= jumped.tick + 20);
    const before = me(jumped, id);
    const after = me(later, id);
    expect(after.ack).toBe(0xffff_ffff);
    expect(after.dashTicks).toBe(0);
    expect(after.y).toBe(before.y);
    expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(
      (later.tick - jumped.tick) * MAX_STEP_PX + 1,
    );
  });

  it('jumps its slots ahead at once, without stalling the room, when a seq leaps mid-game', async () => {
    const { socket, id, direction } = await soloLiar();
    socket.emit('player:input', { seq: 1, buttons: direction });
    await waitForSnapshot(socket, (s) => me(s, id).ack >= 1);
    const droppedBefore = ctx.server.services.metrics.inputsDropped;
    socket.emit('player:input', { seq: 0xffff_fff0, buttons: direction });
    const leapt = await waitForSnapshot(socket, (s) => me(s, id).ack === 0xffff_fff0);
    // The room went on ticking, and the empty slots it skipped were not counted as inputs.
    await waitForTicks(socket, 5);
    expect(ctx.server.services.metrics.inputsDropped - droppedBefore).toBeLessThan(20);
    expect(me(leapt, id).dashTicks).toBe(0);
  });

  it('ignores a lying viewTick without failing the room', async () => {
    const { socket, id, direction } = await soloLiar();
    socket.emit('player:input', { seq: 1, buttons: direction, viewTick: 0xffff_ffff });
    socket.emit('player:input', { seq: 2, buttons: direction, viewTick: 0 });
    const state = await waitForSnapshot(socket, (s) => me(s, id).ack === 2);
    expect(me(state, id).lastButtons).toBe(direction);
    expect(ctx.server.services.metrics.roomFailures).toBe(0);
  });
});

describe('names and chat', () => {
  it('strips control and bidi characters from names and chat before anyone sees them', async () => {
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const seen = waitFor(host.socket, 'player:joined');
    const guest = await joinRoom(
      ctx.server.url,
      host.joined.roomCode,
      'Ev\u0000il\u202e\u0007  Twin\u200b',
    );
    ctx.sockets.push(guest.socket);
    expect((await seen).name).toBe('Evil Twin');
    expect(guest.joined.players.map((p) => p.name)).toContain('Evil Twin');

    const message = waitFor(host.socket, 'chat:message');
    guest.socket.emit('chat:send', { text: '\u001b[31mred\u001b[0m\r\nline\u2066two\u0000' });
    const received = await message;
    expect(received).toMatchObject({ from: 'Evil Twin', text: '[31mred[0m linetwo' });
  });

  it('bounds the length of names and chat, counting only what is left after cleaning', async () => {
    const host = await createRoom(ctx.server.url, 'Host');
    ctx.sockets.push(host.socket);
    const errors: { code: string; event?: string }[] = [];
    host.socket.on('error', (e) => errors.push(e));

    // Padding of invisible characters is removed first; what remains fits the bound.
    const padded = 'a'.repeat(CHAT_MAX_LENGTH) + '\u200b'.repeat(CHAT_MAX_LENGTH);
    const accepted = waitFor(host.socket, 'chat:message');
    host.socket.emit('chat:send', { text: padded });
    expect((await accepted).text).toHaveLength(CHAT_MAX_LENGTH);

    host.socket.emit('chat:send', { text: 'b'.repeat(CHAT_MAX_LENGTH + 1) });
    host.socket.emit('chat:send', { text: '\u0000\u200b\u202e' });
    await barrier(host.socket);
    expect(errors).toEqual([
      expect.objectContaining({ code: ErrorCode.InvalidPayload, event: 'chat:send' }),
      expect.objectContaining({ code: ErrorCode.InvalidPayload, event: 'chat:send' }),
    ]);

    const late = connectPlayer(ctx.server.url);
    ctx.sockets.push(late);
    const refused = waitFor(late, 'error');
    late.emit('room:join', { code: host.joined.roomCode, name: 'n'.repeat(NAME_MAX_LENGTH + 1) });
    expect(await refused).toMatchObject({ code: ErrorCode.InvalidPayload, event: 'room:join' });
    expect(ctx.server.services.rooms.get(host.joined.roomCode)!.seats.size).toBe(1);
  });
});

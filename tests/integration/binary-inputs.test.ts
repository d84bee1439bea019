/**
 * `player:input` in its two forms over a real socket: binary (binary event 2, what the game's
 * own clients send) and JSON (what a simple client in any language may send). Both move a
 * player and are acknowledged; a malformed binary input is answered with INVALID_PAYLOAD,
 * changes nothing, and the rest of the room plays on; the rate limit runs before the decoder.
 */
import { Button, encodeInput, ErrorCode, type Snapshot } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { startHonestRoom } from '../support/honest-players.js';
import {
  createRoom,
  joinRoom,
  waitForSnapshot,
  waitForTicks,
  ackOf,
  sendInput,
  type PlayerSocket,
} from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest();

/** Sends one input per snapshot received, each built by `payload`, until stopped. */
function holdButton(socket: PlayerSocket, payload: (seq: number) => unknown): () => void {
  let seq = 0;
  const onSnapshot = () => sendInput(socket, payload(++seq));
  socket.on('state:snapshot', onSnapshot);
  return () => socket.off('state:snapshot', onSnapshot);
}

const playerOf = (snapshot: Snapshot, id: number) => snapshot.players.find((p) => p.id === id)!;

describe('player:input, binary and JSON', () => {
  it('moves a player and is acknowledged in either form, side by side in one room', async () => {
    const binary = await createRoom(ctx.server.url, 'Binary');
    const code = binary.joined.roomCode;
    const json = await joinRoom(ctx.server.url, code, 'Json');
    // A stock socket.io encoder sends bytes as a text header and an attachment: read alike.
    const stock = await joinRoom(ctx.server.url, code, 'Stock', { stockEncoder: true });
    ctx.sockets.push(binary.socket, json.socket, stock.socket);
    const start = await waitForTicks(binary.socket, 1);
    const errors: unknown[] = [];
    for (const { socket } of [binary, json, stock]) socket.on('error', (e) => errors.push(e));
    const stops = [
      holdButton(binary.socket, (seq) => encodeInput({ seq, buttons: Button.Right })),
      holdButton(json.socket, (seq) => ({ seq, buttons: Button.Down })),
      holdButton(stock.socket, (seq) => encodeInput({ seq, buttons: Button.Left })),
    ];
    const [b, j, s] = [binary.joined.selfId, json.joined.selfId, stock.joined.selfId];
    const later = await waitForSnapshot(binary.socket, (snapshot) =>
      [b, j, s].every((id) => ackOf(snapshot, id) >= 10),
    );
    for (const stop of stops) stop();
    expect(playerOf(later, b).x).toBeGreaterThan(playerOf(start, b).x);
    expect(playerOf(later, j).y).toBeGreaterThan(playerOf(start, j).y);
    expect(playerOf(later, s).x).toBeLessThan(playerOf(start, s).x);
    expect(errors).toEqual([]);
  });

  it('answers each malformed binary input with INVALID_PAYLOAD, changes nothing, and the others play on', async () => {
    const { code, players } = await startHonestRoom(ctx.server.url, 2);
    ctx.sockets.push(...players.map((p) => p.socket));
    const liar = await joinRoom(ctx.server.url, code, 'Liar');
    ctx.sockets.push(liar.socket);
    const errors: { code: string; message: string; event?: string }[] = [];
    liar.socket.on('error', (e) => errors.push(e));
    const room = ctx.server.services.rooms.get(code)!;
    const before = room.sim.world.players.find((p) => p.id === liar.joined.selfId)!;
    const bad = [
      new Uint8Array(0),
      new Uint8Array([1, 0, 0, 0]),
      new Uint8Array([1, 0, 0, 0, 8, 0]),
      new Uint8Array([1, 0, 0, 0, 32]),
      new Uint8Array([1, 0, 0, 0, 8, 5, 0, 0, 0, 0xe9, 0x03]),
      new Uint8Array(64).fill(8),
    ];
    for (const bytes of bad) sendInput(liar.socket, bytes);
    const acked = players.map((p) => p.lastSeq());
    await waitForTicks(players[0]!.socket, 15);
    expect(errors.map((e) => [e.code, e.event])).toEqual(
      bad.map(() => [ErrorCode.InvalidPayload, 'player:input']),
    );
    expect(errors[1]!.message).toContain('5 or 11 bytes, got 4');
    expect(errors[3]!.message).toContain('buttons 32');
    expect(errors[4]!.message).toContain('viewAheadMs 1001');
    const after = room.sim.world.players.find((p) => p.id === liar.joined.selfId)!;
    expect([after.x, after.y]).toEqual([before.x, before.y]);
    expect(room.sim.ackedSeq(liar.joined.selfId)).toBe(0);
    expect(liar.socket.connected).toBe(true);
    for (const [n, player] of players.entries()) {
      expect(player.errors).toEqual([]);
      expect(room.sim.ackedSeq(player.id)).toBeGreaterThan(acked[n]!);
    }
  });

  it('rate-limits binary inputs before decoding them: a flood is refused by count, not read', async () => {
    const liar = await createRoom(ctx.server.url, 'Flooder');
    ctx.sockets.push(liar.socket);
    const codes: string[] = [];
    liar.socket.on('error', (e) => codes.push(e.code));
    const tickRateHz = liar.joined.sim.tickRateHz;
    // A second and a half of inputs at once: one second's burst passes the limit, the rest not.
    const burst = Math.round(tickRateHz * 1.5);
    for (let n = 0; n < burst; n++) sendInput(liar.socket, new Uint8Array([1, 2, 3]));
    await waitForTicks(liar.socket, 10);
    const invalid = codes.filter((c) => c === ErrorCode.InvalidPayload).length;
    expect(invalid).toBeLessThanOrEqual(tickRateHz + 1);
    expect(invalid).toBeGreaterThan(tickRateHz / 2);
    expect(codes).toContain(ErrorCode.RateLimited);
  });
});

/**
 * One socket floods inputs and chat far over its limits. The limit holds (its player moves no
 * faster than one input per tick, its chat is capped), it is told RATE_LIMITED, and once it
 * keeps going it is disconnected; the honest players in another room do not notice.
 */
import { Button, ErrorCode, type ServerPayload } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
import { describe, expect, it } from 'vitest';
import { disconnectOf } from '../support/connections.js';
import { snapshotRate, startHonestRoom, type HonestPlayer } from '../support/honest-players.js';
import {
  connected,
  connectPlayer,
  createRoom,
  waitFor,
  waitForSnapshot,
  waitForTicks,
  type PlayerSocket,
} from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const TICK_RATE_HZ = 30;
const MAX_STEP_PX = DEFAULT_SIM_CONFIG.maxSpeed / TICK_RATE_HZ;
/** Generous for a loaded 2-core CI machine, yet far above what a starved room would get. */
const MIN_SNAPSHOT_SHARE = 0.6;

const ctx = serverPerTest({ TICK_RATE_HZ, SNAPSHOT_RATE_HZ: TICK_RATE_HZ });

interface FloodRate {
  inputsPerTick: number;
  /** Chat messages per tick; below 1 means one every few ticks. */
  chatsPerTick: number;
}

/** Floods on every snapshot the flooder receives, at `rate`. */
function flood(socket: PlayerSocket, buttons: number, rate: FloodRate) {
  let seq = 0;
  let chatDebt = 0;
  let sent = 0;
  const burst = (): void => {
    for (let i = 0; i < rate.inputsPerTick; i++)
      socket.emit('player:input', { seq: ++seq, buttons });
    for (chatDebt += rate.chatsPerTick; chatDebt >= 1; chatDebt -= 1)
      socket.emit('chat:send', { text: `spam ${sent++}` });
  };
  socket.on('state:snapshot', burst);
  return {
    set: (next: FloodRate) => Object.assign(rate, next),
    stop: () => socket.off('state:snapshot', burst),
  };
}

describe('flood', () => {
  it('holds the input and chat limits, then disconnects the flooder; others are unaffected', async () => {
    const honest = await startHonestRoom(ctx.server.url, 3);
    ctx.sockets.push(...honest.players.map((p) => p.socket));
    const flooder = await createRoom(ctx.server.url, 'Flooder');
    ctx.sockets.push(flooder.socket);
    // A spectator in the flooder's room is who the chat flood would reach.
    const watcher = { socket: connectPlayer(ctx.server.url) };
    ctx.sockets.push(watcher.socket);
    const watching = waitFor(watcher.socket, 'room:joined');
    watcher.socket.emit('room:join', {
      code: flooder.joined.roomCode,
      name: 'Watcher',
      spectate: true,
    });
    expect((await watching).role).toBe('spectator');
    const chatSeen: ServerPayload<'chat:message'>[] = [];
    watcher.socket.on('chat:message', (m) => chatSeen.push(m));
    const errors: ServerPayload<'error'>[] = [];
    flooder.socket.on('error', (e) => errors.push(e));

    const id = flooder.joined.selfId;
    const start = await waitForSnapshot(flooder.socket);
    const x0 = start.players.find((p) => p.id === id)!.x;
    const direction = x0 < DEFAULT_SIM_CONFIG.arenaWidth / 2 ? Button.Right : Button.Left;
    const floodStartMs = performance.now();

    // Stage 1: three inputs a tick (twice the sustained input limit) and ten chats a second
    // (twenty times the chat limit), gentle enough that its patience outlasts this stage.
    const attack = flood(flooder.socket, direction, { inputsPerTick: 3, chatsPerTick: 1 / 3 });
    const first = await waitForSnapshot(flooder.socket, (s) =>
      s.acks.some((a) => a.playerId === id && a.seq > 0),
    );
    const last = await waitForSnapshot(flooder.socket, (s) => s.tick >= first.tick + 40, 10_000);
    const ticks = last.tick - first.tick;
    const xOf = (s: typeof last) => s.players.find((p) => p.id === id)!.x;
    const moved = Math.abs(xOf(last) - xOf(first));
    expect(moved).toBeLessThanOrEqual(ticks * MAX_STEP_PX + 1);
    expect(moved).toBeGreaterThan((ticks * MAX_STEP_PX) / 2);
    const warned = new Set(
      errors.filter((e) => e.code === ErrorCode.RateLimited).map((e) => e.event),
    );
    expect(warned).toEqual(new Set(['player:input', 'chat:send']));
    expect(flooder.socket.connected).toBe(true);

    // Stage 2: it keeps going, much harder, and runs out of patience.
    const gone = disconnectOf(flooder.socket, 10_000);
    attack.set({ inputsPerTick: 20, chatsPerTick: 5 });
    expect(await gone).toBe('io server disconnect');
    attack.stop();
    const floodEndMs = performance.now();

    // The chat limit held: five at once, then one every two seconds.
    const floodSeconds = (floodEndMs - floodStartMs) / 1000;
    expect(chatSeen.length).toBeGreaterThanOrEqual(5);
    expect(chatSeen.length).toBeLessThanOrEqual(5 + Math.ceil(floodSeconds * 0.5) + 1);

    // The others kept their snapshot rate, got no errors and stayed connected.
    await waitForSnapshot(honest.players[0]!.socket);
    for (const player of honest.players) expectUnaffected(player, floodStartMs, floodEndMs);
    expect(watcher.socket.connected).toBe(true);
  });
});

describe('flood behind the link simulator', () => {
  it('judges a flood on arrival instead of queueing it behind a simulated lag', async () => {
    const server = await ctx.restartWith({ LINK_SIMULATOR: 'on' });
    const honest = await startHonestRoom(server.url, 3);
    ctx.sockets.push(...honest.players.map((p) => p.socket));
    // With the simulator on, a client may ask for a simulated lag; what it sends then waits
    // before it is handled, but only once the guard has admitted it.
    const flooder = connectPlayer(server.url, { query: { lag: '2000' } });
    ctx.sockets.push(flooder);
    await connected(flooder);
    const answered: string[] = [];
    flooder.on('error', (e) => answered.push(e.code));
    flooder.on('time:pong', () => answered.push('pong'));
    const gone = disconnectOf(flooder, 10_000);
    const floodStartMs = performance.now();
    // A large ignored second argument with each: dropped at the door, never held.
    const ballast = 'x'.repeat(6000);
    for (let i = 0; i < 2_000; i++)
      (flooder.emit as (...args: unknown[]) => void)('time:ping', { clientTimeMs: i }, ballast);
    // The guard refuses the flood as it arrives and runs out of patience at once; its goodbye
    // packet would wait out the lag, so the client may only see the transport close.
    expect(['io server disconnect', 'transport close']).toContain(await gone);
    // Nothing it sent waited out its lag to be handled: the admitted pings went with the link.
    expect(answered).toEqual([]);
    const limited = server.services.metrics.errorsSent.get(ErrorCode.RateLimited) ?? 0;
    expect(limited).toBeGreaterThan(0);
    // A second of play after the flood, so the window is long enough to mean something.
    await waitForTicks(honest.players[0]!.socket, TICK_RATE_HZ);
    for (const player of honest.players) expectUnaffected(player, floodStartMs, performance.now());
  });
});

function expectUnaffected(player: HonestPlayer, fromMs: number, toMs: number): void {
  expect(snapshotRate(player, fromMs, toMs)).toBeGreaterThanOrEqual(
    TICK_RATE_HZ * MIN_SNAPSHOT_SHARE,
  );
  expect(player.errors).toEqual([]);
  expect(player.socket.connected).toBe(true);
}

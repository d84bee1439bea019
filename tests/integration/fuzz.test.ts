/**
 * Thousands of malformed packets through real sockets (socket.io-client and raw WebSocket
 * frames) while three honest players keep playing. The server stays up, the honest players
 * keep their snapshot rate, the fuzzer's seat in their room never moves by its own doing, and
 * every bad packet was answered, counted, or ended its connection.
 *
 * FUZZ_SEED and FUZZ_PACKETS make a longer or different run: `FUZZ_PACKETS=200000 npx vitest
 * run --root tests integration/fuzz`.
 */
import { ErrorCode } from '@arena/shared/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { serverSawDisconnect } from '../support/connections.js';
import { runEventLane, runRawLane } from '../support/fuzz-lanes.js';
import { FuzzRandom, fuzzSettings } from '../support/fuzz-random.js';
import { snapshotRate, startHonestRoom } from '../support/honest-players.js';
import {
  closeAll,
  connectPlayer,
  joinRoom,
  snapshotOf,
  waitFor,
  waitForSnapshot,
  type PlayerSocket,
} from '../support/player.js';
import { startServer, type TestServer } from '../support/server.js';

const { seed, packets } = fuzzSettings(process.env);
const TICK_RATE_HZ = 30;
const MAX_PAYLOAD_BYTES = 8192;
/** Raw frames mostly cost a fresh connection each, so they are a small share of the run. */
const RAW_SHARE = 0.05;
const BATCH_SIZE = 20;
const MAX_GRACE_SECONDS = 3600;
/** Generous for a loaded 2-core CI machine, yet far above what a starved room would get. */
const MIN_SNAPSHOT_SHARE = 0.6;
/** About 3 ms a packet on a loaded machine: a longer run gets a longer timeout. */
const RUN_TIMEOUT_MS = Math.max(180_000, packets * 5);

let server: TestServer | undefined;
const sockets: PlayerSocket[] = [];

afterEach(async () => {
  closeAll(sockets);
  await server?.close();
});

async function seatForFuzzer(s: TestServer, code: string) {
  const socket = connectPlayer(s.url);
  const joined = waitFor(socket, 'room:joined');
  socket.emit('room:join', { code, name: 'Fuzzer' });
  const seat = await joined;
  const gone = serverSawDisconnect(s, [socket.id]);
  socket.disconnect();
  await gone;
  return { id: seat.selfId, token: seat.sessionToken };
}

describe(`fuzz (FUZZ_SEED=${seed}, FUZZ_PACKETS=${packets})`, { timeout: RUN_TIMEOUT_MS }, () => {
  it('answers or counts every malformed packet while three honest players play on', async () => {
    server = await startServer({
      TICK_RATE_HZ,
      SNAPSHOT_RATE_HZ: TICK_RATE_HZ,
      MAX_PAYLOAD_BYTES,
      // The fuzzer's seat is kept by the event lane resuming it; the raw lane never does, and
      // at a million packets it outlasts the default 30 s grace, which would free the seat as
      // designed and read as the room changing under the fuzz.
      RECONNECT_GRACE_SECONDS: MAX_GRACE_SECONDS,
    });
    const s = server;
    const honest = await startHonestRoom(s.url, 3);
    sockets.push(...honest.players.map((p) => p.socket));
    const fuzzer = await seatForFuzzer(s, honest.code);
    const room = s.services.rooms.get(honest.code)!;

    // Everything the honest players see of the fuzzer: it may be bumped, never driven.
    const violations: string[] = [];
    const chats: unknown[] = [];
    const watcher = honest.players[0]!.socket;
    watcher.on('chat:message', (m) => chats.push(m));
    watcher.on('state:snapshot', (frame) => {
      const snapshot = snapshotOf(frame);
      const seat = snapshot.players.find((p) => p.id === fuzzer.id);
      const ack = snapshot.acks.find((a) => a.playerId === fuzzer.id)?.seq;
      if (snapshot.players.length !== 4)
        violations.push(`tick ${snapshot.tick}: ${snapshot.players.length} players`);
      if (!seat || seat.lastButtons !== 0 || seat.dashTicks !== 0 || ack !== 0) {
        violations.push(`tick ${snapshot.tick}: fuzzer ${JSON.stringify({ ...seat, ack })}`);
      }
    });
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype);

    const rng = new FuzzRandom(seed);
    const rawCount = Math.round(packets * RAW_SHARE);
    const startMs = performance.now();
    const events = await runEventLane(s, rng, {
      count: packets - rawCount,
      batchSize: BATCH_SIZE,
      maxPayloadBytes: MAX_PAYLOAD_BYTES,
      sessionToken: fuzzer.token,
    });
    const raw = await runRawLane(s, rng, rawCount);
    const endMs = performance.now();
    console.log(`fuzz seed=${seed} packets=${packets}`, JSON.stringify({ events, raw }));

    // Every bad packet was answered or counted, or was in flight when the server hung up.
    expect(events.problems).toEqual([]);
    expect(raw.problems).toEqual([]);
    expect(events.sent + raw.sent).toBe(packets);
    expect(events.counted + events.lostAtDisconnect).toBe(events.sent);
    expect(events.errorsReceived).toBeLessThanOrEqual(events.counted);
    expect(s.services.metrics.errorsSent.get(ErrorCode.RateLimited) ?? 0).toBeGreaterThan(0);
    expect(events.disconnects['io server disconnect'] ?? 0).toBeGreaterThan(0);

    // The room is as it was: same players, nothing driven, nothing said, nothing failed.
    expect(violations.slice(0, 5)).toEqual([]);
    expect(chats).toEqual([]);
    expect(s.services.rooms.size).toBe(1);
    expect([...room.seats.keys()].sort()).toEqual(
      [...honest.players.map((p) => p.id), fuzzer.id].sort(),
    );
    expect(room.closed).toBe(false);
    expect(s.services.metrics.roomFailures).toBe(0);
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // The honest players kept playing at about the tick rate and were never bothered.
    for (const player of honest.players) {
      expect(snapshotRate(player, startMs, endMs)).toBeGreaterThanOrEqual(
        TICK_RATE_HZ * MIN_SNAPSHOT_SHARE,
      );
      expect(player.errors).toEqual([]);
      expect(player.socket.connected).toBe(true);
    }
    const latest = await waitForSnapshot(watcher);
    for (const player of honest.players) {
      const acked = latest.acks.find((a) => a.playerId === player.id)!.seq;
      expect(acked).toBeGreaterThan(player.lastSeq() - 10);
    }

    // And the server still takes new players.
    const late = await joinRoom(s.url, honest.code, 'Latecomer');
    sockets.push(late.socket);
    await waitForSnapshot(late.socket, (snap) => snap.players.length === 5);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});

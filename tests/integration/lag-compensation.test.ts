/**
 * Lag compensation with real sockets: an attacker on a slow link (100 ± 20 ms each way) runs
 * the shared `ClientNetcode` and dashes at a walking victim where it draws it, about half a
 * second behind the server (more on a loaded machine; the rewind bound is 1.5 s). The server
 * judges the dash where the attacker saw the victim: the hit lands and the coin is stolen,
 * although the victim's body was far out of reach by the time the dash reached the server.
 */
import { presentPositions } from '@arena/shared/netcode/server';
import { Button } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG, type SimEvent } from '@arena/shared/sim';
import { describe, expect, it } from 'vitest';
import { keepUntilTestEnds, seatNetcodePlayer } from '../support/netcode-player.js';
import { joinRoom, waitForSnapshot, waitForTicks } from '../support/player.js';
import { roomSteps } from '../support/room-steps.js';
import { serverPerTest } from '../support/server-per-test.js';
import type { TestServer } from '../support/server.js';

const TICK_RATE_HZ = 30;
const MAX_STEP_PX = DEFAULT_SIM_CONFIG.maxSpeed / TICK_RATE_HZ;
const REACH_PX = 2 * DEFAULT_SIM_CONFIG.playerRadius;
/** The attacker stands still; the victim walks down a line 100 px to its right. */
const ATTACKER_AT = { x: 400, y: 600 };
const VICTIM_FROM = { x: 500, y: 240 };
/** The dash takes three ticks to cover the gap, so it starts as the victim is that far away. */
const DASH_WHEN_SEEN_AT_Y = ATTACKER_AT.y - 3 * MAX_STEP_PX;

type Room = NonNullable<ReturnType<TestServer['services']['rooms']['get']>>;
type Hit = Extract<SimEvent, { type: 'dash-hit' }>;

const steps = roomSteps();
const ctx = serverPerTest(
  { TICK_RATE_HZ, SNAPSHOT_RATE_HZ: TICK_RATE_HZ, LINK_SIMULATOR: 'on' },
  { roomStep: steps.roomStep },
);

/** A fixture, as netlab seats its players: both at rest where the scenario needs them. */
function seat(room: Room, id: number, at: { x: number; y: number }, score: number): void {
  const player = room.sim.world.players.find((p) => p.id === id)!;
  Object.assign(player, { ...at, vx: 0, vy: 0, score, dashTicks: 0, dashCooldownTicks: 0 });
}

/** Every dash hit the room judged, and how far the victim's present body was at that tick. */
function recordHits(room: Room) {
  const hits: (Hit & { presentDistance: number })[] = [];
  steps.wrap(room.code, (step) => (world, inputs, options) => {
    const present = presentPositions(world, inputs);
    const next = step(world, inputs, options);
    for (const event of next.events) {
      if (event.type !== 'dash-hit') continue;
      const a = present.get(event.attackerId)!;
      const v = present.get(event.victimId)!;
      hits.push({ ...event, presentDistance: Math.hypot(a.x - v.x, a.y - v.y) });
    }
    return next;
  });
  return hits;
}

describe('lag compensation (real sockets)', () => {
  it('lands a dash where a laggy attacker saw the victim, and steals its coin', async () => {
    const victim = await seatNetcodePlayer(ctx.server.url, 'Victim');
    keepUntilTestEnds(ctx, victim);
    const attacker = await seatNetcodePlayer(ctx.server.url, 'Attacker', victim.joined.roomCode, {
      query: { lag: '100', jitter: '20' },
    });
    keepUntilTestEnds(ctx, attacker);
    const room = ctx.server.services.rooms.get(victim.joined.roomCode)!;
    await attacker.until('a snapshot with itself', () => attacker.net.predictor !== undefined);
    seat(room, attacker.id, ATTACKER_AT, 0);
    seat(room, victim.id, VICTIM_FROM, 1);
    const drawnVictim = () => attacker.lastFrame?.others.get(victim.id);
    await attacker.until('seeing the scene set', () => {
      const self = attacker.net.predictor!.state;
      const other = drawnVictim();
      return self.x === ATTACKER_AT.x && self.y === ATTACKER_AT.y && other?.y === VICTIM_FROM.y;
    });
    const hits = recordHits(room);

    victim.buttons = Button.Down;
    await attacker.until(
      'seeing the victim come level',
      () => drawnVictim()!.y >= DASH_WHEN_SEEN_AT_Y,
    );
    const dashSeq = attacker.lastSentSeq + 1;
    attacker.buttons = Button.Right | Button.Dash;
    await attacker.until('the dash sent', () => attacker.lastSentSeq >= dashSeq);
    attacker.buttons = 0;
    // The dash lasts six ticks; wait until the server has run them all and said so.
    await attacker.until('the dash acknowledged', () => attacker.latest().ack >= dashSeq + 8);

    expect(hits).toEqual([
      expect.objectContaining({ attackerId: attacker.id, victimId: victim.id, stoleCoin: true }),
    ]);
    // Judged in the present, this dash would have missed by far.
    expect(hits[0]!.presentDistance).toBeGreaterThan(2 * REACH_PX);
    // And the attacker's own screen learns it from the snapshots: the coin changed hands.
    const scores = attacker.snapshots.at(-1)!.players;
    expect(scores.find((p) => p.id === attacker.id)!.score).toBeGreaterThanOrEqual(1);
  });

  it('judges a view sent with viewAheadMs on the victim’s dead-reckoned path', async () => {
    const victim = await seatNetcodePlayer(ctx.server.url, 'Walker');
    keepUntilTestEnds(ctx, victim);
    const attacker = await joinRoom(ctx.server.url, victim.joined.roomCode, 'Ahead');
    ctx.sockets.push(attacker.socket);
    const attackerId = attacker.joined.selfId;
    const room = ctx.server.services.rooms.get(victim.joined.roomCode)!;
    // Where the room would judge the victim for the attacker's dash, tick by tick.
    const judged: { x: number; y: number }[] = [];
    steps.wrap(room.code, (step) => (world, inputs, options) => {
      if (options?.hitPosition) judged.push(options.hitPosition(attackerId, victim.id));
      return step(world, inputs, options);
    });
    seat(room, attackerId, { x: 100, y: 100 }, 0);
    seat(room, victim.id, { x: 800, y: 200 }, 0);
    victim.buttons = Button.Down;
    const walking = await waitForSnapshot(attacker.socket, (snapshot) =>
      snapshot.players.some((p) => p.id === victim.id && p.vy === DEFAULT_SIM_CONFIG.maxSpeed),
    );
    const from = walking.players.find((p) => p.id === victim.id)!;
    // The attacker drew the victim 200 ms past the snapshot of that tick, on every tick
    // to come (enough inputs queued that no slot is guessed while the test looks). It presses
    // dash on every other one: at rest and without a direction that starts no dash, but the
    // room judges a possible hit on those ticks (on the others nobody can hit, and it judges
    // nothing).
    for (let seq = 1; seq <= 12; seq++) {
      const view = { viewTick: walking.tick, viewAheadMs: 200 };
      const buttons = seq % 2 === 1 ? Button.Dash : 0;
      attacker.socket.emit('player:input', { seq, buttons, ...view });
    }
    // Until the last press has run (seq 11, then the buffer): by then the victim's present body
    // is further from the attacker than the point it saw, so what it saw is what counts.
    await waitForTicks(attacker.socket, 14);
    // 200 ms of walking down (48 px at 240 px/s; the judged point lies within the tick after
    // it); the same view without viewAheadMs is judged within a tick below the snapshot.
    const { maxSpeed, tickRateHz } = DEFAULT_SIM_CONFIG;
    const ahead = maxSpeed * 0.2;
    const last = judged.at(-1)!;
    expect(last.x).toBe(from.x);
    expect(last.y - from.y).toBeGreaterThanOrEqual(ahead - 1);
    expect(last.y - from.y).toBeLessThanOrEqual(ahead + maxSpeed / tickRateHz + 1);
  });
});

/**
 * The room's tick wiring: each tick's input slot carries the `viewTick` the client drew the
 * others at, and a dash is judged against the room's position history at that tick. Ticks
 * are driven by hand, so this is exact and needs no sockets.
 */
import { Button } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG, step, type SimEvent } from '@arena/shared/sim';
import { describe, expect, it } from 'vitest';
import { RoomSimulation } from '../src/rooms/room-simulation.js';

const ATTACKER = 1;
const VICTIM = 2;
/** The height at which the attacker saw the victim cross its dash line. */
const LINE_Y = 500;

type Hit = Extract<SimEvent, { type: 'dash-hit' }>;

function setUp() {
  const sim = new RoomSimulation(7, DEFAULT_SIM_CONFIG, { bufferTicks: 2, maxBacklog: 15 }, step);
  sim.addPlayer(ATTACKER);
  sim.addPlayer(VICTIM);
  const place = (id: number, x: number, y: number) =>
    Object.assign(
      sim.world.players.find((p) => p.id === id)!,
      { x, y, vx: 0, vy: 0 },
    );
  // The victim walks down x = 800 and crosses the attacker's line; a coin to steal.
  place(ATTACKER, 700, LINE_Y);
  place(VICTIM, 800, 300).score = 1;
  let seq = 0;
  const tick = (
    attacker: number,
    viewTick: number | undefined,
    victim: number = Button.Down,
    ahead = 0,
  ) => {
    seq += 1;
    sim.receiveInput(ATTACKER, { seq, buttons: attacker, viewTick, viewAheadMs: ahead });
    sim.receiveInput(VICTIM, { seq, buttons: victim, viewTick: undefined });
    return sim.tick();
  };
  const victim = () => sim.world.players.find((p) => p.id === VICTIM)!;
  return { sim, tick, victim };
}

/** Walks the victim past the line; the attacker then dashes right along it. */
function dashAfterTheVictimPassed(view: 'seen' | 'none') {
  const { sim, tick, victim } = setUp();
  while (victim().y < LINE_Y) tick(0, undefined);
  const seenTick = sim.world.tick;
  // Half a second later the victim is 100+ px further down: out of reach in the present.
  while (sim.world.tick < seenTick + 15) tick(0, undefined);
  const hits: Hit[] = [];
  for (let k = 0; k < 12; k++) {
    const buttons = k === 0 ? Button.Right | Button.Dash : Button.Right;
    // A client's view moves on one tick per tick, like its render clock.
    const viewTick = view === 'seen' ? seenTick + k : undefined;
    const { world } = tick(buttons, viewTick);
    hits.push(...world.events.filter((e): e is Hit => e.type === 'dash-hit'));
  }
  return { hits, victimY: victim().y, sim };
}

/**
 * The victim walks down towards the line and stops about 60 px short of it; the attacker's
 * snapshots stalled while the victim was still walking, so it drew the victim walking on,
 * onto the line (300 ms extrapolated), and dashes along it.
 */
function dashAtAnExtrapolatedVictim(aheadMs: number) {
  const { sim, tick, victim } = setUp();
  while (victim().y < LINE_Y - 100) tick(0, undefined);
  const anchorTick = sim.world.tick;
  for (let k = 0; k < 20; k++) tick(0, undefined, 0);
  const hits: Hit[] = [];
  for (let k = 0; k < 12; k++) {
    const buttons = k === 0 ? Button.Right | Button.Dash : Button.Right;
    const { world } = tick(buttons, anchorTick, 0, aheadMs);
    hits.push(...world.events.filter((e): e is Hit => e.type === 'dash-hit'));
  }
  return { hits, victimY: victim().y };
}

describe('room tick with lag compensation', () => {
  it('judges a dash at a victim the attacker drew extrapolated where it drew it', () => {
    const drawnOnTheLine = dashAtAnExtrapolatedVictim(300);
    expect(drawnOnTheLine.victimY).toBeLessThan(LINE_Y - 2 * DEFAULT_SIM_CONFIG.playerRadius);
    expect(drawnOnTheLine.hits.map((h) => h.victimId)).toEqual([VICTIM]);
    // The same view tick without the extrapolation: the victim was drawn 100 px up, a miss.
    expect(dashAtAnExtrapolatedVictim(0).hits).toEqual([]);
  });

  it('judges a dash where the attacker saw the victim: hit, knocked back, coin stolen', () => {
    const { hits, sim } = dashAfterTheVictimPassed('seen');
    expect(hits).toEqual([
      { type: 'dash-hit', attackerId: ATTACKER, victimId: VICTIM, stoleCoin: true },
    ]);
    expect(sim.world.players.find((p) => p.id === ATTACKER)!.score).toBe(1);
    expect(sim.lagCompensation.stats.lookups).toBeGreaterThan(0);
  });

  it('misses the same dash judged in the present (no view tick), the control case', () => {
    const { hits, victimY } = dashAfterTheVictimPassed('none');
    expect(hits).toEqual([]);
    expect(victimY).toBeGreaterThan(LINE_Y + 2 * DEFAULT_SIM_CONFIG.playerRadius);
  });
});

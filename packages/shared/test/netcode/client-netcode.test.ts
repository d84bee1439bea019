import { describe, expect, it } from 'vitest';
import { ClientNetcode, type OutgoingInput } from '../../src/netcode/client-netcode.js';
import { Button } from '../../src/protocol/buttons.js';
import type { Snapshot } from '../../src/protocol/snapshot.js';
import { DEFAULT_SIM_CONFIG, RoundPhase } from '../../src/sim/index.js';
import { restingPlayer } from '../sim/fixtures.js';

function snapshot(tick: number, ack: number, selfX = 100): Snapshot {
  const player = (id: number, x: number) => ({
    ...restingPlayer({ id, x, y: 100 }),
    connected: true,
  });
  return {
    tick,
    serverTimeMs: tick * (1000 / 30),
    round: { number: 1, phase: RoundPhase.Playing, ticksLeft: 1000 },
    players: [player(1, selfX), player(2, 500 + tick)],
    coins: [],
    acks: [{ playerId: 1, seq: ack }],
  };
}

const TICK_MS = 1000 / 30;

describe('ClientNetcode', () => {
  const options = { config: DEFAULT_SIM_CONFIG, selfId: 1, snapshotIntervalMs: 1000 / 30 };

  it('sends nothing and draws no self before the first snapshot', () => {
    const netcode = new ClientNetcode(options);
    const frame = netcode.frame(0, 1000 / 60, Button.Right);
    expect(frame.inputs).toEqual([]);
    expect(frame.self).toBeUndefined();
  });

  it('predicts and sends one input per tick, with the tick it draws others at', () => {
    const netcode = new ClientNetcode(options);
    for (let t = 0; t < 30; t++) netcode.onSnapshot(snapshot(t, 0), t * (1000 / 30) + 50);
    const inputs = [];
    let self = { x: 0, y: 0 };
    for (let f = 0; f < 60; f++) {
      const frame = netcode.frame(1050 + f * (1000 / 60), 1000 / 60, Button.Right);
      inputs.push(...frame.inputs);
      self = frame.self!;
      if (frame.inputs.length > 0 || frame.pingClientTimeMs === undefined) continue;
      throw new Error('a ping went out on a frame without an input');
    }
    expect(inputs.map((i) => i.seq)).toEqual([...Array(30).keys()].map((i) => i + 1));
    expect(inputs.every((i) => i.buttons === Button.Right)).toBe(true);
    expect(inputs[0]!.viewTick).toBeLessThanOrEqual(29);
    expect(self.x).toBeGreaterThan(100);
    expect(netcode.hud(2050, 'websocket')).toMatchObject({ transport: 'websocket' });
  });

  it('counts on from firstSeq, so a new room or connection never reuses a seq', () => {
    const netcode = new ClientNetcode({ ...options, firstSeq: 901 });
    expect(netcode.lastSeq).toBe(900);
    netcode.onSnapshot(snapshot(0, 0), 50);
    const frame = netcode.frame(100, 2 * (1000 / 30), Button.Right);
    expect(frame.inputs.map((i) => i.seq)).toEqual([901, 902]);
    expect(netcode.lastSeq).toBe(902);
    expect(netcode.onSnapshot(snapshot(1, 901), 120)?.replayed).toBe(1);
  });

  it('skips ahead when the server has spent slots it never got (after a pause of ours)', () => {
    skipsAheadBy(new ClientNetcode(options), 2);
  });

  it("skips ahead by the room's own input buffer when it announced one", () => {
    skipsAheadBy(new ClientNetcode({ ...options, inputBufferTicks: 5 }), 5);
  });

  it('skips ahead by the round trip to the nearest tick: a fast link gains no tick of lag', () => {
    const netcode = new ClientNetcode(options);
    netcode.onSnapshot(snapshot(0, 0), 50);
    // A 2 ms round trip, as on a LAN or loopback.
    netcode.onPong({ clientTimeMs: 98, serverTimeMs: 1000 }, 100);
    netcode.frame(100, 1000 / 30, Button.Right);
    netcode.onSnapshot(snapshot(61, 61), 2100);
    // No tick for the round trip: the server's next slot is 62, so the input leads by the
    // buffer (2) and no more; rounding up sent 61 + 1 + 2 + 1 and kept a tick of lag for good.
    expect(netcode.frame(2100, 1000 / 30, Button.Right).inputs.map((i) => i.seq)).toEqual([64]);
  });

  it('lands the skip on the newest input when the next frame runs the ticks the pause missed', () => {
    const netcode = new ClientNetcode(options);
    netcode.onSnapshot(snapshot(0, 0), 50);
    netcode.onPong({ clientTimeMs: 98, serverTimeMs: 1000 }, 100);
    netcode.frame(100, TICK_MS, Button.Right);
    // The snapshots read after a stalled loop show the server past our inputs; the frame that
    // follows runs the 4 ticks its clock missed. The newest input is the one made now: it
    // leads the server's next slot (62) by the buffer, as after a pause of a single tick, and
    // none is made for a slot already spent (61).
    netcode.onSnapshot(snapshot(61, 61), 2100);
    const seqs = netcode.frame(2100, 4 * TICK_MS, Button.Right).inputs.map((i) => i.seq);
    expect(seqs).toEqual([62, 63, 64]);
  });

  function skipsAheadBy(netcode: ClientNetcode, bufferTicks: number): void {
    netcode.onSnapshot(snapshot(0, 0), 50);
    netcode.onPong({ clientTimeMs: 0, serverTimeMs: 1000 }, 100);
    expect(netcode.frame(100, 1000 / 30, Button.Right).inputs.map((i) => i.seq)).toEqual([1]);
    // Two seconds without a frame; the server guessed slots 1..61 and acknowledged them.
    netcode.onSnapshot(snapshot(61, 61), 2100);
    const frame = netcode.frame(2100, 1000 / 30, Button.Right);
    // 100 ms of round trip is 3 ticks, plus the server's input buffer.
    expect(frame.inputs.map((i) => i.seq)).toEqual([61 + 3 + bufferTicks + 1]);
    const before = frame.self!.x;
    expect(netcode.frame(2133, 1000 / 30, Button.Right).self!.x).toBeGreaterThan(before);
  }

  it('reconciles on each snapshot and reports the correction', () => {
    const netcode = new ClientNetcode(options);
    netcode.onSnapshot(snapshot(0, 0), 50);
    netcode.frame(100, 1000 / 30, Button.Right);
    const correction = netcode.onSnapshot(snapshot(1, 1, 100), 120);
    expect(correction?.ackedSeq).toBe(1);
    expect(correction?.distancePx).toBeGreaterThan(0);
  });

  it('takes a copy of a snapshot it has (a second stream) as nothing new', () => {
    const netcode = new ClientNetcode(options);
    netcode.onSnapshot(snapshot(0, 0), 50);
    netcode.frame(100, 1000 / 30, Button.Right);
    expect(netcode.onSnapshot(snapshot(1, 1, 100), 120)?.ackedSeq).toBe(1);
    const reconciles = netcode.predictor!.stats.reconciles;
    expect(netcode.onSnapshot(snapshot(1, 1, 100), 130)).toBeUndefined();
    expect(netcode.onSnapshot(snapshot(0, 0), 140)).toBeUndefined();
    expect(netcode.predictor!.stats.reconciles).toBe(reconciles);
  });

  it('says how far past its newest snapshot it draws others while they are late', () => {
    const netcode = new ClientNetcode(options);
    for (let t = 0; t < 30; t++) netcode.onSnapshot(snapshot(t, 0), t * TICK_MS + 50);
    const interpolated = netcode.frame(1000, TICK_MS, 0).inputs[0]!;
    expect(interpolated.viewAheadMs).toBeUndefined();
    // Nothing arrives for a second: the render clock passes the newest snapshot (tick 29).
    let inputs: OutgoingInput[] = [];
    for (let f = 1; f <= 60; f++)
      inputs = netcode.frame(1000 + f * (1000 / 60), 1000 / 60, 0).inputs;
    const late = inputs.at(-1) ?? netcode.frame(2020, TICK_MS, 0).inputs[0]!;
    expect(late.viewTick).toBe(29);
    expect(late.viewAheadMs).toBeGreaterThan(0);
  });

  it('keeps its delay short when snapshots are late because its own frames were', () => {
    // A loaded tab: every 260 ms its loop is stuck for 200 ms, and the snapshots that arrived
    // meanwhile are all handled when it comes back. The same handling times with frames
    // running all along would mean the network held the snapshots.
    const CYCLE_MS = 260;
    const STUCK_MS = 200;
    const handledAt = (arrival: number) =>
      arrival % CYCLE_MS < STUCK_MS ? arrival - (arrival % CYCLE_MS) + STUCK_MS : arrival;
    const delayAfter = (ownHitches: boolean) => {
      const netcode = new ClientNetcode(options);
      type Event = { at: number; snapshotTick?: number };
      const events: Event[] = [];
      for (let t = 0; t < 900; t++)
        events.push({ at: handledAt(t * TICK_MS + 50), snapshotTick: t });
      for (let at = 0; at < 900 * TICK_MS; at += 1000 / 60) {
        const stuck = at % CYCLE_MS < STUCK_MS;
        if (!ownHitches || !stuck) events.push({ at });
      }
      // In time order; snapshots handled at the same moment in the order they were sent.
      const order = (e: Event) => e.snapshotTick ?? Infinity;
      events.sort((a, b) => a.at - b.at || order(a) - order(b));
      let lastFrame = 0;
      for (const { at, snapshotTick } of events) {
        if (snapshotTick !== undefined) netcode.onSnapshot(snapshot(snapshotTick, 0), at);
        else {
          netcode.frame(at, at - lastFrame, 0);
          lastFrame = at;
        }
      }
      return netcode.jitter.targetDelayMs;
    };
    expect(delayAfter(false)).toBeGreaterThan(150);
    expect(delayAfter(true)).toBeLessThan(2 * TICK_MS + 1);
  });

  it('says how far behind the server clock it drew the others on the last frame', () => {
    const netcode = new ClientNetcode(options);
    // Our clock runs 5000 ms behind the server's; snapshots take 80 ms to arrive.
    for (let t = 0; t < 90; t++) netcode.onSnapshot(snapshot(t, 0), t * TICK_MS - 5000 + 80);
    expect(netcode.othersBehindServerMs).toBeUndefined();
    netcode.onPong({ clientTimeMs: -2000, serverTimeMs: 3080 }, -1840);
    for (let f = 0; f < 300; f++) netcode.frame(-2000 + f * (1000 / 60), 1000 / 60, 0);
    const behind = netcode.othersBehindServerMs!;
    // One way (80 ms) and the delay, as the server's clock sees it.
    expect(behind).toBeCloseTo(80 + netcode.jitter.delayMs, 0);
    expect(netcode.hud(0, 'websocket').othersBehindServerMs).toBe(behind);
  });
});

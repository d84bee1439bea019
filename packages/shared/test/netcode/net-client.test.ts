/**
 * The NetClient over an in-memory port and a manual clock: what it sends and in which order,
 * seqs that keep counting up across rooms, nothing sent or held offline, letting go of the
 * keys at once, snapshots fed to the netcode before anyone else sees them, and a keyframe
 * asked for when a delta does not apply.
 */
import { describe, expect, it } from 'vitest';
import { NetClient, netRoomOf } from '../../src/netcode/net-client.js';
import { Button } from '../../src/protocol/buttons.js';
import { decodeInput } from '../../src/protocol/input-codec.js';
import { SnapshotEncoder, snapshotSource } from '../../src/protocol/snapshot-codec.js';
import { DEFAULT_SIM_CONFIG } from '../../src/sim/index.js';
import { keyframe, MemoryPort, ROOM, snapshot, TICK_MS } from './memory-port.js';

function setup() {
  const port = new MemoryPort();
  const clock = { nowMs: 0 };
  const client = new NetClient({ port, now: () => clock.nowMs });
  return { port, clock, client };
}

/** In a room whose first snapshot has us, with a first frame drawn (it measures no time). */
function seated() {
  const t = setup();
  t.client.enterRoom(ROOM);
  t.port.deliver('state:snapshot', keyframe(snapshot(0, 0)));
  t.client.frame(0);
  return t;
}

/** Runs frames of `TICK_MS` until `count` inputs went out; returns what was sent. */
function playTicks(t: ReturnType<typeof setup>, count: number, buttons: number) {
  const sent = [];
  while (sent.filter((m) => m.event === 'player:input').length < count) {
    t.clock.nowMs += TICK_MS;
    t.client.frame(buttons);
    sent.push(...t.port.take());
  }
  return sent;
}

/** The inputs sent, decoded: NetClient sends them in their binary form. */
const inputs = (sent: { event: string; payload: unknown }[]) =>
  sent.filter((m) => m.event === 'player:input').map((m) => decodeInput(m.payload as Uint8Array));

describe('NetClient', () => {
  it('does nothing outside a room', () => {
    const t = setup();
    expect(t.client.frame(Button.Right)).toBeUndefined();
    t.port.deliver('state:snapshot', keyframe(snapshot(1, 0)));
    expect(t.port.sent).toEqual([]);
    expect(t.client.hud('websocket')).toBeUndefined();
  });

  it('sends the clock ping before the inputs, one input per tick with the next seq', () => {
    const t = seated();
    t.clock.nowMs += 2 * TICK_MS;
    t.client.frame(Button.Right);
    const sent = t.port.take();
    expect(sent.map((m) => m.event)).toEqual(['time:ping', 'player:input', 'player:input']);
    expect(sent[0]!.payload).toEqual({ clientTimeMs: 2 * TICK_MS });
    expect(inputs(sent)).toEqual([
      { seq: 1, buttons: Button.Right, viewTick: 0, viewAheadMs: 0 },
      { seq: 2, buttons: Button.Right, viewTick: 0, viewAheadMs: 0 },
    ]);
    expect([t.client.inputsSent, t.client.lastSentSeq]).toEqual([2, 2]);
  });

  it('keeps counting seqs up in the next room, so none is ever reused', () => {
    const t = seated();
    playTicks(t, 3, Button.Up);
    t.client.leaveRoom();
    expect([t.client.inputsSent, t.client.lastSentSeq]).toEqual([0, 0]);
    t.client.enterRoom(ROOM);
    t.port.deliver('state:snapshot', keyframe(snapshot(0, 0)));
    expect(inputs(playTicks(t, 1, Button.Up))[0]!.seq).toBe(4);
  });

  it('sends nothing while the port is closed, and predicts no held key meanwhile', () => {
    const t = seated();
    t.port.open = false;
    t.clock.nowMs += TICK_MS;
    const frame = t.client.frame(Button.Right)!;
    expect(frame.inputs.map((i) => i.buttons)).toEqual([0]);
    expect(t.port.sent).toEqual([]);
  });

  it('lets go of the keys at once, without waiting for the next frame', () => {
    const t = seated();
    playTicks(t, 1, Button.Right);
    t.clock.nowMs += 1;
    t.client.release();
    expect(inputs(t.port.take())).toMatchObject([{ seq: 2, buttons: 0 }]);
    // Nothing is held any more: a second release has nothing to say.
    expect(t.client.release()).toBeUndefined();
  });

  it('feeds snapshots to the netcode first, then to its listeners, and skips unreadable ones', () => {
    const t = setup();
    const problems: unknown[] = [];
    const client = new NetClient({
      port: t.port,
      now: () => t.clock.nowMs,
      onUnreadableSnapshot: (error) => problems.push(error),
    });
    const netcode = client.enterRoom(ROOM);
    const seen: number[] = [];
    client.onSnapshot(({ snapshot: s }) => seen.push(s.tick));
    t.port.deliver('state:snapshot', keyframe(snapshot(0, 0)));
    expect(netcode.predictor?.state.x).toBe(100);
    t.port.deliver('state:snapshot', new Uint8Array([1, 2, 3]));
    t.port.deliver('state:snapshot', keyframe(snapshot(1, 7)));
    expect(seen).toEqual([0, 1]);
    expect(problems).toHaveLength(1);
    expect(client.lastAckedSeq).toBe(7);
  });

  it('decodes deltas against the last snapshot, and asks for a keyframe when one does not apply', () => {
    const t = setup();
    const ticks: number[] = [];
    t.client.onSnapshot(({ snapshot: s }) => ticks.push(s.tick));
    const encoder = new SnapshotEncoder(30);
    const frames = [0, 1, 2, 3].map((tick) => {
      const encoded = encoder.encode(snapshotSource(snapshot(tick, 0)), 0);
      return { delta: encoded.delta, keyframe: encoded.keyframe() };
    });
    // Outside a room the stream is decoded all the same, so no frame of it is missed.
    t.port.deliver('state:snapshot', frames[0]!.keyframe);
    t.client.enterRoom(ROOM);
    t.port.deliver('state:snapshot', frames[1]!.delta!);
    t.port.deliver('state:snapshot', frames[3]!.delta!); // tick 2 never came
    t.port.deliver('state:snapshot', frames[3]!.delta!);
    expect(ticks).toEqual([1]);
    expect(t.port.take()).toEqual([{ event: 'state:resync', payload: {} }]);
    t.clock.nowMs += 1000;
    t.port.deliver('state:snapshot', frames[3]!.delta!);
    expect(t.port.take()).toEqual([{ event: 'state:resync', payload: {} }]);
    t.port.deliver('state:snapshot', frames[3]!.keyframe);
    expect(ticks).toEqual([1, 3]);
  });

  it('takes the room from room:joined: a spectator has no self to predict', () => {
    const sim = {
      tickRateHz: 20,
      snapshotRateHz: 10,
      arenaWidth: 800,
      arenaHeight: 600,
      roundSeconds: 60,
      intermissionSeconds: 5,
      inputBufferTicks: 3,
    };
    const watching = netRoomOf({ role: 'spectator', selfId: 3, sim });
    expect(watching.inputBufferTicks).toBe(3);
    expect(watching.selfId).toBe(0);
    expect(watching.snapshotIntervalMs).toBe(100);
    expect(watching.config).toMatchObject({ tickRateHz: 20, arenaWidth: 800, arenaHeight: 600 });
    expect(watching.config.maxSpeed).toBe(DEFAULT_SIM_CONFIG.maxSpeed);
    expect(netRoomOf({ role: 'player', selfId: 3, sim }).selfId).toBe(3);
  });
});

/**
 * A NetClient reading two connections (the main one and a snapshot mirror): each decoded with
 * its own base, whichever copy of a tick comes first used and the other ignored, a keyframe
 * asked for on the connection whose delta did not apply, pings out and pongs in on both.
 */
import { describe, expect, it } from 'vitest';
import { NetClient } from '../../src/netcode/net-client.js';
import { SnapshotEncoder, snapshotSource } from '../../src/protocol/snapshot-codec.js';
import { MemoryPort, ROOM, snapshot, TICK_MS } from './memory-port.js';

/** Ticks 0..n−1, each as the server sends it: the delta on the tick before, and the keyframe. */
function frames(count: number) {
  const encoder = new SnapshotEncoder(30);
  return Array.from({ length: count }, (_, tick) => {
    const encoded = encoder.encode(snapshotSource(snapshot(tick, 0)), tick * TICK_MS);
    return { delta: encoded.delta!, keyframe: encoded.keyframe() };
  });
}

function twoStreams() {
  const main = new MemoryPort();
  const mirror = new MemoryPort();
  const clock = { nowMs: 0 };
  const client = new NetClient({ port: main, now: () => clock.nowMs });
  client.enterRoom(ROOM);
  const detach = client.attachMirror(mirror);
  const ticks: number[] = [];
  client.onSnapshot(({ snapshot: s }) => ticks.push(s.tick));
  return { main, mirror, clock, client, detach, ticks, f: frames(8) };
}

describe('NetClient with a snapshot mirror', () => {
  it('takes whichever copy of a tick comes first, each stream on its own deltas', () => {
    const { main, mirror, client, ticks, f } = twoStreams();
    main.deliver('state:snapshot', f[0]!.keyframe);
    mirror.deliver('state:snapshot', f[1]!.keyframe); // the mirror's stream starts at tick 1
    main.deliver('state:snapshot', f[1]!.delta);
    // The main connection stalls; the mirror goes on.
    for (const tick of [2, 3, 4]) mirror.deliver('state:snapshot', f[tick]!.delta);
    // The stall ends: its late copies still decode (its own base), and are ignored.
    for (const tick of [2, 3, 4, 5]) main.deliver('state:snapshot', f[tick]!.delta);
    mirror.deliver('state:snapshot', f[5]!.delta);
    expect(ticks).toEqual([0, 1, 2, 3, 4, 5]);
    expect(client.mirrorStats).toEqual({ attached: true, firstCopies: 4 });
    expect([...main.take(), ...mirror.take()]).toEqual([]); // no keyframe was needed
  });

  it('asks for a keyframe on the connection whose delta did not apply', () => {
    const { main, mirror, ticks, f } = twoStreams();
    main.deliver('state:snapshot', f[0]!.keyframe);
    mirror.deliver('state:snapshot', f[2]!.delta); // the mirror holds no base yet
    expect(mirror.take()).toEqual([{ event: 'state:resync', payload: {} }]);
    expect(main.take()).toEqual([]);
    mirror.deliver('state:snapshot', f[3]!.keyframe);
    expect(ticks).toEqual([0, 3]);
  });

  it('pings on both connections and syncs the clock on the pongs of either', () => {
    const { main, mirror, clock, client, f } = twoStreams();
    main.deliver('state:snapshot', f[0]!.keyframe);
    client.frame(0, TICK_MS);
    const ping = main.take().find((m) => m.event === 'time:ping');
    expect(ping).toBeDefined();
    expect(mirror.take()).toEqual([ping]);
    clock.nowMs = 40;
    mirror.deliver('time:pong', { clientTimeMs: 0, serverTimeMs: 1000 });
    expect(client.netcode!.clockSync.synced).toBe(true);
    expect(client.netcode!.clockSync.rttMs).toBe(40);
    // No inputs on the mirror: they are the main connection's alone.
    for (let n = 0; n < 5; n++) client.frame(0, TICK_MS);
    expect(main.take().some((m) => m.event === 'player:input')).toBe(true);
    expect(mirror.take().every((m) => m.event === 'time:ping')).toBe(true);
  });

  it('stops reading the mirror once detached', () => {
    const { main, mirror, client, detach, ticks, f } = twoStreams();
    main.deliver('state:snapshot', f[0]!.keyframe);
    detach();
    mirror.deliver('state:snapshot', f[1]!.keyframe);
    expect(ticks).toEqual([0]);
    expect(client.mirrorStats.attached).toBe(false);
    client.frame(0, TICK_MS);
    expect(mirror.take()).toEqual([]);
  });
});

/**
 * The fanout as a process sees it, the room's own or one a cluster relays to: the delta to a
 * member that holds its base, the keyframe to one that does not (new, asking, or skipped as a
 * slow reader), never a delta against a snapshot the member was not written. io and engine.io
 * connections are stood in for by what the fanout reads of them.
 */
import { EventEmitter } from 'node:events';
import type { EncodedSnapshot } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { decodeRelayedSnapshot, encodeRelayedSnapshot } from '../src/cluster/snapshot-relay.js';
import { Metrics } from '../src/metrics.js';
import { SnapshotFanout } from '../src/socket/snapshot-fanout.js';
import type { ArenaServer } from '../src/socket/types.js';
import { watchBacklog } from '../src/socket/write-backlog.js';

const MAX_UNSENT_BYTES = 64 * 1024;
const ROOM = 'room:ABCD';
const DELTA = 0xd0;
const KEYFRAME = 0xf0;

/** A snapshot whose delta and keyframe are one marker byte each (and the tick). */
function snapshot(tick: number, baseTick = tick - 1): EncodedSnapshot {
  return {
    tick,
    baseTick: baseTick < 0 ? undefined : baseTick,
    delta: baseTick < 0 ? undefined : new Uint8Array([DELTA, tick]),
    keyframe: () => new Uint8Array([KEYFRAME, tick]),
  };
}

function connection() {
  const written: Buffer[] = [];
  const ws = { bufferedAmount: 0 };
  const conn = Object.assign(new EventEmitter(), {
    readyState: 'open',
    transport: { socket: ws },
    write: (data: Buffer) => written.push(data),
  });
  watchBacklog(conn, MAX_UNSENT_BYTES, () => undefined);
  return { conn, ws, written };
}

function fakeServer(ids: string[]) {
  const adapter = new EventEmitter();
  const members = new Set(ids);
  const conns = new Map(ids.map((id) => [id, connection()]));
  const io = {
    of: () => ({ adapter }),
    sockets: {
      adapter: { rooms: new Map([[ROOM, members]]) },
      sockets: new Map([...conns].map(([id, { conn }]) => [id, { conn }])),
    },
  } as unknown as ArenaServer;
  return { io, adapter, members, conns };
}

/** What each member was written, as [kind marker, tick] after the event byte. */
const seen = (written: Buffer[]) => written.map((data) => [data[1], data[2]]);

describe('snapshot fanout', () => {
  it('writes the delta to members in step, a keyframe to one that joins or asks', () => {
    const { io, adapter, members, conns } = fakeServer(['a']);
    const metrics = new Metrics();
    const fanout = new SnapshotFanout(io, metrics, MAX_UNSENT_BYTES);
    fanout.deliver(ROOM, snapshot(1));
    members.add('b');
    conns.set('b', connection());
    (io.sockets.sockets as Map<string, unknown>).set('b', { conn: conns.get('b')!.conn });
    adapter.emit('join-room', ROOM, 'b');
    fanout.deliver(ROOM, snapshot(2));
    fanout.needsKeyframe('a');
    fanout.deliver(ROOM, snapshot(3));
    fanout.deliver(ROOM, snapshot(4));
    expect(seen(conns.get('a')!.written)).toEqual([
      [KEYFRAME, 1],
      [DELTA, 2],
      [KEYFRAME, 3],
      [DELTA, 4],
    ]);
    expect(seen(conns.get('b')!.written)).toEqual([
      [KEYFRAME, 2],
      [DELTA, 3],
      [DELTA, 4],
    ]);
    expect(metrics.snapshotKeyframesSent).toBe(3);
  });

  it('skips a slow reader, and its next snapshot is a keyframe, not a delta', () => {
    const { io, conns } = fakeServer(['fast', 'slow']);
    const metrics = new Metrics();
    const fanout = new SnapshotFanout(io, metrics, MAX_UNSENT_BYTES);
    const slow = conns.get('slow')!;
    fanout.deliver(ROOM, snapshot(1));
    slow.ws.bufferedAmount = MAX_UNSENT_BYTES / 16 + 1;
    expect(fanout.deliver(ROOM, snapshot(2))).toEqual(['slow']);
    expect(fanout.deliver(ROOM, snapshot(3))).toEqual(['slow']);
    slow.ws.bufferedAmount = 0;
    fanout.deliver(ROOM, snapshot(4));
    fanout.deliver(ROOM, snapshot(5));
    expect(seen(slow.written)).toEqual([
      [KEYFRAME, 1],
      [KEYFRAME, 4],
      [DELTA, 5],
    ]);
    expect(seen(conns.get('fast')!.written).map(([kind]) => kind)).toEqual([
      KEYFRAME,
      DELTA,
      DELTA,
      DELTA,
      DELTA,
    ]);
    expect(metrics.snapshotsSkipped).toBe(2);
  });

  it('starts over when a stream starts over (a room taken over repeats its ticks)', () => {
    const { io, conns } = fakeServer(['a']);
    const fanout = new SnapshotFanout(io, new Metrics(), MAX_UNSENT_BYTES);
    fanout.deliver(ROOM, snapshot(10));
    fanout.deliver(ROOM, snapshot(11));
    // The new owner restored tick 8 from its checkpoint: its 9 is not the old stream's.
    fanout.deliver(ROOM, snapshot(9, -1));
    fanout.deliver(ROOM, snapshot(10));
    expect(seen(conns.get('a')!.written)).toEqual([
      [KEYFRAME, 10],
      [DELTA, 11],
      [KEYFRAME, 9],
      [DELTA, 10],
    ]);
  });

  it('reads a relayed snapshot as the owner encoded it: delta, base and keyframe', () => {
    const relayed = decodeRelayedSnapshot(encodeRelayedSnapshot(snapshot(7)))!;
    expect(relayed.tick).toBe(7);
    expect(relayed.baseTick).toBe(6);
    expect([...relayed.delta!]).toEqual([DELTA, 7]);
    expect([...relayed.keyframe()]).toEqual([KEYFRAME, 7]);
    const first = decodeRelayedSnapshot(encodeRelayedSnapshot(snapshot(1, -1)))!;
    expect(first.baseTick).toBeUndefined();
    expect(first.delta).toBeUndefined();
    expect([...first.keyframe()]).toEqual([KEYFRAME, 1]);
    expect(decodeRelayedSnapshot(Buffer.alloc(5))).toBeUndefined();
  });
});

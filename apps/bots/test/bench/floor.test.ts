import { SnapshotDecoder } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { FLOOR_INPUT_QUEUE, FloorInputQueue, FloorRoom } from '../../src/bench/floor/floor-room.js';
import { preFrame } from '../../src/bench/floor/floor-server.js';
import {
  decodeFloorClientMessage,
  encodeFloorInput,
  encodeFloorPing,
} from '../../src/bench/floor/floor-wire.js';

const counters = () => ({ received: 0, stale: 0, dropped: 0 });

describe("the floor's wire", () => {
  it('carries inputs and pings both ways, with or without a view tick', () => {
    const input = { seq: 4_000_000_000, buttons: 0b10101, viewTick: 77 };
    expect(decodeFloorClientMessage(encodeFloorInput(input))).toEqual({ type: 'input', input });
    const blind = { seq: 1, buttons: 0, viewTick: undefined };
    expect(decodeFloorClientMessage(encodeFloorInput(blind))).toEqual({
      type: 'input',
      input: blind,
    });
    expect(decodeFloorClientMessage(encodeFloorPing(1234.5))).toEqual({
      type: 'ping',
      clientTimeMs: 1234.5,
    });
  });

  it('calls anything else unreadable', () => {
    for (const bytes of [[], [0x49, 1, 2], [0x50], [0x51, 0, 0, 0, 0, 0, 0, 0, 0]]) {
      expect(decodeFloorClientMessage(new Uint8Array(bytes))).toEqual({ type: 'unreadable' });
    }
  });

  it('frames a snapshot once: a binary WebSocket header, then the bytes unchanged', () => {
    const frame = preFrame(new Uint8Array([1, 2, 3]));
    expect([...frame]).toEqual([0x82, 3, 1, 2, 3]);
    expect(preFrame(new Uint8Array(300)).subarray(0, 4)).toEqual(Buffer.from([0x82, 126, 1, 44]));
  });
});

describe("the floor's input queue", () => {
  it('applies one input per tick in order and repeats the last buttons when none waits', () => {
    const queue = new FloorInputQueue(counters());
    queue.receive(1, 1);
    queue.receive(2, 2);
    expect([queue.take(), queue.ackedSeq]).toEqual([1, 1]);
    expect([queue.take(), queue.ackedSeq]).toEqual([2, 2]);
    expect([queue.take(), queue.ackedSeq]).toEqual([2, 2]);
  });

  it('counts stale inputs and drops the oldest past its bound', () => {
    const c = counters();
    const queue = new FloorInputQueue(c);
    for (let seq = 1; seq <= FLOOR_INPUT_QUEUE + 2; seq++) queue.receive(seq, seq);
    queue.receive(2, 9);
    expect(c).toEqual({ received: FLOOR_INPUT_QUEUE + 3, stale: 1, dropped: 2 });
    expect(queue.take()).toBe(3);
  });
});

describe('a floor room', () => {
  it("steps the game's world and encodes every member with its ack in the project's codec", () => {
    const room = new FloorRoom(1, 2);
    const written = new Map<number, Uint8Array[]>();
    let skipping = 0;
    for (const id of [1, 2]) {
      const inputs = new FloorInputQueue(counters());
      inputs.receive(5, 0b1000);
      written.set(id, []);
      room.add({
        id,
        inputs,
        send: (frame) => id !== skipping && written.get(id)!.push(frame) > 0,
      });
    }
    expect(room.full).toBe(true);
    // The framer here is the identity: the bytes each member would read.
    const frame = (bytes: Uint8Array) => Buffer.from(bytes);
    const broadcast = () => {
      room.step();
      return room.broadcast(room.encodeSnapshot(100), frame);
    };
    broadcast();
    skipping = 2;
    broadcast();
    skipping = 0;
    broadcast();
    const decoded = [1, 2].map((id) => {
      const decoder = new SnapshotDecoder();
      return written.get(id)!.map((bytes) => decoder.decode(bytes));
    });
    expect(decoded[0]!.map((s) => s.tick)).toEqual([1, 2, 3]);
    // Member 2 missed tick 2: its tick 3 is a keyframe, which it reads without a base.
    expect(decoded[1]!.map((s) => s.tick)).toEqual([1, 3]);
    const last = decoded[1]![1]!;
    expect(last.players.map((p) => p.id)).toEqual([1, 2]);
    expect(last.acks).toEqual([
      { playerId: 1, seq: 5 },
      { playerId: 2, seq: 5 },
    ]);
    expect(written.get(2)![1]!.byteLength).toBeGreaterThan(written.get(1)![2]!.byteLength);
  });
});

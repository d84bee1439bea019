/**
 * A room saved as a checkpoint and restored in another registry (as another process of a
 * cluster would): the same world, seats, tokens, scores and chat; every seat held for its
 * player to come back; and a room released to another owner goes quiet here. No sockets.
 */
import { ManualClock } from '@arena/shared/netcode/server';
import { ErrorCode } from '@arena/shared/protocol';
import { describe, expect, it, vi } from 'vitest';
import { testConfig } from '../src/config.js';
import { Metrics } from '../src/metrics.js';
import { parseCheckpoint } from '../src/rooms/room-checkpoint.js';
import { RoomRegistry, type RegistryContext } from '../src/rooms/room-registry.js';
import type { Room } from '../src/rooms/room.js';
import { roomCodeOfToken } from '../src/rooms/seat.js';
import { RecordingChannel } from './recording-channel.js';

function makeRegistry(extra: Partial<RegistryContext> = {}) {
  const channels = new Map<string, RecordingChannel>();
  const clock = new ManualClock();
  const registry = new RoomRegistry(testConfig({ RECONNECT_GRACE_SECONDS: 10 }), {
    channels: (code) => {
      const channel = new RecordingChannel();
      channels.set(code, channel);
      return channel;
    },
    log: { info: vi.fn(), error: vi.fn() },
    metrics: new Metrics(),
    schedule: clock.schedule,
    ...extra,
  });
  return { registry, channels, clock };
}

function newRoom(registry: RoomRegistry): Room {
  const room = registry.create({ name: 'Saved', isPublic: false });
  if (typeof room === 'string') throw new Error(room);
  return room;
}

/** A room two players have played in for a while, one of them scoring, with some chat. */
function playedRoom() {
  const first = makeRegistry();
  const room = newRoom(first.registry);
  const ann = first.registry.enterAsPlayer('m-ann', room, 'Ann', 0x112233);
  const bob = first.registry.enterAsPlayer('m-bob', room, 'Bob', undefined);
  first.registry.chat('m-ann', 'hello');
  for (let i = 0; i < 20; i++) room.tick(i * 33);
  room.sim.world.players.find((p) => p.id === ann.id)!.score = 7;
  return { first, room, ann, bob };
}

describe('room checkpoints', () => {
  it('gives every seat a token that names its room', () => {
    const { room, ann } = playedRoom();
    expect(roomCodeOfToken(ann.token)).toBe(room.code);
  });

  it('restores world, seats, tokens, scores and chat, with every seat held', () => {
    const { room, ann, bob } = playedRoom();
    const saved = parseCheckpoint(JSON.stringify(room.save()));

    const second = makeRegistry();
    const restored = second.registry.restore(saved);
    if (typeof restored === 'string') throw new Error(restored);
    expect(restored.code).toBe(room.code);
    expect(restored.options.isPublic).toBe(false);
    expect(restored.sim.world.tick).toBe(room.sim.world.tick);
    expect(restored.sim.world.players).toEqual(room.sim.world.players);
    expect([...restored.seats.values()].map((s) => [s.id, s.name, s.token, s.member])).toEqual([
      [ann.id, 'Ann', ann.token, null],
      [bob.id, 'Bob', bob.token, null],
    ]);
    expect(restored.chatHistory.map((m) => m.text)).toEqual(['hello']);
    expect(restored.members()).toEqual([]);

    // A player comes back (to this process) by token: same id, score kept.
    expect(second.registry.resumePlayer('m-ann-2', ann.token)).toBe(restored);
    const joined = second.channels.get(room.code)!.last('m-ann-2', 'room:joined');
    expect(joined).toMatchObject({ selfId: ann.id, resumed: true, sessionToken: ann.token });
    restored.tick(1000);
    expect(restored.sim.world.tick).toBe(room.sim.world.tick + 1);
    expect(restored.sim.world.players.find((p) => p.id === ann.id)?.score).toBe(7);
  });

  it('frees a restored seat whose player does not come back within the grace period', () => {
    const { room, bob } = playedRoom();
    const second = makeRegistry();
    const restored = second.registry.restore(parseCheckpoint(JSON.stringify(room.save())));
    if (typeof restored === 'string') throw new Error(restored);
    second.registry.resumePlayer('m-ann-2', room.seatOf('m-ann')!.token);
    second.clock.advanceBy(10_001);
    expect([...restored.seats.keys()]).not.toContain(bob.id);
    expect(restored.seats.size).toBe(1);
    // A new player does not get a departed player's id.
    const carl = second.registry.enterAsPlayer('m-carl', restored, 'Carl', undefined);
    expect(carl.id).toBeGreaterThan(bob.id);
  });

  it('a released room goes quiet: no message, no timer, no membership left here', () => {
    const { first, room } = playedRoom();
    first.registry.detach('m-bob');
    const channel = first.channels.get(room.code)!;
    const before = channel.inbox('m-ann').length;
    first.registry.release(room);
    expect(first.registry.get(room.code)).toBeUndefined();
    expect(first.registry.roomOf('m-ann')).toBeUndefined();
    first.clock.advanceBy(60_000);
    room.tick(5000);
    expect(channel.inbox('m-ann').length).toBe(before);
  });

  it('refuses a checkpoint of another version or shape, saying why', () => {
    const { room } = playedRoom();
    const saved = room.save();
    expect(() => parseCheckpoint(JSON.stringify({ ...saved, version: 2 }))).toThrow(/version/);
    expect(() => parseCheckpoint(JSON.stringify({ ...saved, world: {} }))).toThrow(/world/);
    expect(() => parseCheckpoint('{"not":"a room"}')).toThrow(/unusable checkpoint/);
  });

  it('makes no room when a cluster has no code to give, and tells the observer of the rest', () => {
    const observer = { opened: vi.fn(), membersChanged: vi.fn(), closed: vi.fn() };
    const codes = ['ABCDE'];
    const { registry } = makeRegistry({ takeCode: () => codes.pop(), observer });
    const room = newRoom(registry);
    expect(room.code).toBe('ABCDE');
    expect(observer.opened).toHaveBeenCalledWith(room);
    expect(registry.create({})).toBe(ErrorCode.ClusterUnavailable);
    registry.enterAsPlayer('m-ann', room, 'Ann', undefined);
    expect(observer.membersChanged).toHaveBeenCalledWith(room);
    registry.leave('m-ann');
    expect(observer.closed).toHaveBeenCalledWith(room, 'empty');
  });
});

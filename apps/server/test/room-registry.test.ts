/**
 * The registry as the one owner of membership: which room each member is in through entering,
 * leaving, dropping, resuming, take-overs and rooms that close. No sockets.
 */
import { ManualClock } from '@arena/shared/netcode/server';
import { ErrorCode } from '@arena/shared/protocol';
import { describe, expect, it, vi } from 'vitest';
import { testConfig } from '../src/config.js';
import { Metrics } from '../src/metrics.js';
import type { Room } from '../src/rooms/room.js';
import { RoomRegistry } from '../src/rooms/room-registry.js';
import { RecordingChannel } from './recording-channel.js';

function makeRegistry(overrides: Parameters<typeof testConfig>[0] = {}) {
  const channels = new Map<string, RecordingChannel>();
  const clock = new ManualClock();
  const log = { info: vi.fn(), error: vi.fn() };
  const registry = new RoomRegistry(testConfig(overrides), {
    channels: (code) => {
      const channel = new RecordingChannel();
      channels.set(code, channel);
      return channel;
    },
    log,
    metrics: new Metrics(),
    schedule: clock.schedule,
  });
  const newRoom = (): Room => {
    const room = registry.create({ name: 'Test' });
    if (typeof room === 'string') throw new Error(room);
    return room;
  };
  return { registry, channels, clock, log, newRoom };
}

describe('RoomRegistry membership', () => {
  it('knows the room of a member from entering until leaving', () => {
    const { registry, newRoom } = makeRegistry();
    const room = newRoom();
    expect(registry.roomOf('m-ann')).toBeUndefined();
    registry.enterAsPlayer('m-ann', room, 'Ann', undefined);
    registry.enterAsSpectator('m-eve', room, 'Eve');
    expect(registry.roomOf('m-ann')).toBe(room);
    expect(registry.roomOf('m-eve')).toBe(room);
    expect(registry.watching('m-eve')).toEqual({ code: room.code, name: 'Eve' });
    expect(registry.watching('m-ann')).toBeUndefined();
    expect(registry.leave('m-ann')).toBe(true);
    expect(registry.roomOf('m-ann')).toBeUndefined();
    expect(registry.leave('m-ann')).toBe(false);
  });

  it('forgets a dropped member at once, while its room holds the seat for the token', () => {
    const { registry, newRoom, clock } = makeRegistry({ RECONNECT_GRACE_SECONDS: 10 });
    const room = newRoom();
    const seat = registry.enterAsPlayer('m-ann', room, 'Ann', undefined);
    registry.enterAsPlayer('m-bob', room, 'Bob', undefined);
    registry.detach('m-ann');
    expect(registry.roomOf('m-ann')).toBeUndefined();
    clock.advanceBy(5000);
    expect(registry.resumePlayer('m-ann-back', seat.token)).toBe(room);
    expect(registry.roomOf('m-ann-back')).toBe(room);
    expect(room.seatOf('m-ann-back')).toBe(seat);
  });

  it('moves membership with a seat taken over by another tab', () => {
    const { registry, newRoom, channels } = makeRegistry();
    const room = newRoom();
    const seat = registry.enterAsPlayer('tab-1', room, 'Ann', undefined);
    expect(registry.resumePlayer('tab-2', seat.token)).toBe(room);
    expect(registry.roomOf('tab-1')).toBeUndefined();
    expect(registry.roomOf('tab-2')).toBe(room);
    expect(channels.get(room.code)!.last('tab-1', 'error')?.code).toBe(ErrorCode.SessionReplaced);
    // The replaced tab's drop later changes nothing for the seat.
    registry.detach('tab-1');
    expect(room.seatOf('tab-2')).toBe(seat);
  });

  it('gives nothing back for an unknown token or a seat whose grace ran out', () => {
    const { registry, newRoom, clock } = makeRegistry({ RECONNECT_GRACE_SECONDS: 1 });
    const room = newRoom();
    const seat = registry.enterAsPlayer('m-ann', room, 'Ann', undefined);
    registry.enterAsPlayer('m-bob', room, 'Bob', undefined);
    expect(registry.resumePlayer('m-x', 'not-a-token')).toBeUndefined();
    registry.detach('m-ann');
    clock.advanceBy(1000);
    expect(registry.resumePlayer('m-ann-back', seat.token)).toBeUndefined();
    expect(registry.roomOf('m-ann-back')).toBeUndefined();
  });

  it('lets a spectator watch again after a blip, unless the room is gone or full', () => {
    const { registry, newRoom } = makeRegistry({ MAX_SPECTATORS_PER_ROOM: 1 });
    const room = newRoom();
    registry.enterAsPlayer('m-ann', room, 'Ann', undefined);
    registry.enterAsSpectator('m-eve', room, 'Eve');
    const note = registry.watching('m-eve')!;
    registry.detach('m-eve');
    expect(registry.resumeSpectator('m-eve', note)).toBe(room);
    expect(room.spectators.get('m-eve')).toBe('Eve');
    expect(registry.resumeSpectator('m-zed', { code: room.code, name: 'Zed' })).toBeUndefined();
    expect(registry.resumeSpectator('m-zed', { code: 'ZZZZZ', name: 'Zed' })).toBeUndefined();
  });

  it('takes inputs and chat by member id, from players and spectators as each may', () => {
    const { registry, newRoom, channels } = makeRegistry();
    const room = newRoom();
    registry.enterAsPlayer('m-ann', room, 'Ann', undefined);
    registry.enterAsSpectator('m-eve', room, 'Eve');
    const input = { seq: 1, buttons: 0, viewTick: undefined };
    expect(registry.input('m-ann', input)).toBe('queued');
    expect(registry.input('m-ann', input)).toBe('duplicate');
    expect(registry.input('m-eve', input)).toBe('spectator');
    expect(registry.input('m-nobody', input)).toBe('not-in-room');
    expect(registry.chat('m-eve', 'hello')).toBe(true);
    expect(registry.chat('m-nobody', 'hello')).toBe(false);
    expect(channels.get(room.code)!.last('m-ann', 'chat:message')).toMatchObject({
      from: 'Eve',
      text: 'hello',
    });
  });

  it('lets every member of a closed room go, and forgets the room', () => {
    const { registry, newRoom } = makeRegistry();
    const closing = newRoom();
    const staying = newRoom();
    registry.enterAsPlayer('m-ann', closing, 'Ann', undefined);
    registry.enterAsSpectator('m-eve', closing, 'Eve');
    registry.enterAsPlayer('m-bob', staying, 'Bob', undefined);
    closing.close('failed', ErrorCode.RoomClosed, 'Broken.');
    expect(registry.roomOf('m-ann')).toBeUndefined();
    expect(registry.roomOf('m-eve')).toBeUndefined();
    expect(registry.roomOf('m-bob')).toBe(staying);
    expect(registry.get(closing.code)).toBeUndefined();
    expect(registry.size).toBe(1);
  });

  it('forgets a room once its last member left', () => {
    const { registry, newRoom } = makeRegistry();
    const room = newRoom();
    registry.enterAsPlayer('m-ann', room, 'Ann', undefined);
    registry.leave('m-ann');
    expect(registry.get(room.code)).toBeUndefined();
    expect(registry.size).toBe(0);
  });

  it('tells lobby listeners about every change of membership', () => {
    const { registry, newRoom } = makeRegistry();
    const room = newRoom();
    const changed = vi.fn();
    registry.onLobbyChange(changed);
    registry.enterAsPlayer('m-ann', room, 'Ann', undefined);
    registry.enterAsSpectator('m-eve', room, 'Eve');
    registry.detach('m-eve');
    registry.leave('m-ann');
    // Four changes of membership, and the room closing when it emptied.
    expect(changed).toHaveBeenCalledTimes(5);
  });
});

describe('RoomRegistry lifecycle log', () => {
  it('logs each change at info with the room, player and member ids, never names, chat or tokens', () => {
    const { registry, newRoom, clock, log } = makeRegistry({ RECONNECT_GRACE_SECONDS: 1 });
    const room = newRoom();
    const code = room.code;
    const ann = registry.enterAsPlayer('m-ann', room, 'Ann', undefined);
    const bob = registry.enterAsPlayer('m-bob', room, 'Bob', undefined);
    registry.enterAsSpectator('m-eve', room, 'Eve');
    room.chat('m-ann', 'a secret plan');
    registry.detach('m-ann');
    registry.resumePlayer('m-ann-back', ann.token);
    registry.resumePlayer('m-ann-tab', ann.token);
    registry.leave('m-eve');
    registry.detach('m-bob');
    clock.advanceBy(1000);
    registry.leave('m-ann-tab');

    const logged = log.info.mock.calls.map(([fields, message]: unknown[]) => [message, fields]);
    expect(logged).toEqual([
      ['room opened', { room: code, public: true }],
      ['player joined', { room: code, playerId: ann.id, member: 'm-ann' }],
      ['player joined', { room: code, playerId: bob.id, member: 'm-bob' }],
      ['spectator joined', { room: code, member: 'm-eve', resumed: false }],
      ['player dropped', { room: code, playerId: ann.id, member: 'm-ann', graceMs: 1000 }],
      [
        'player resumed',
        { room: code, playerId: ann.id, member: 'm-ann-back', replaced: undefined },
      ],
      [
        'player resumed',
        { room: code, playerId: ann.id, member: 'm-ann-tab', replaced: 'm-ann-back' },
      ],
      ['spectator left', { room: code, member: 'm-eve', how: 'left' }],
      ['player dropped', { room: code, playerId: bob.id, member: 'm-bob', graceMs: 1000 }],
      ['player did not come back', { room: code, playerId: bob.id }],
      ['player left', { room: code, playerId: ann.id, member: 'm-ann-tab' }],
      ['room closed', { room: code, reason: 'empty' }],
    ]);
    for (const secret of ['Ann', 'Bob', 'Eve', 'a secret plan', ann.token, bob.token])
      expect(JSON.stringify(logged)).not.toContain(secret);
  });

  it('logs why a room closed', () => {
    const { registry, newRoom, log } = makeRegistry();
    const room = newRoom();
    registry.enterAsPlayer('m-ann', room, 'Ann', undefined);
    registry.closeAll(ErrorCode.ServerShuttingDown, 'Bye.');
    expect(log.info).toHaveBeenLastCalledWith(
      { room: room.code, reason: 'shutdown' },
      'room closed',
    );
  });
});

describe('RoomRegistry ownership', () => {
  const openAs = (registry: RoomRegistry, owner: string, member: string): Room => {
    const room = registry.create({ name: 'Owned', owner });
    if (typeof room === 'string') throw new Error(room);
    registry.enterAsPlayer(member, room, member, undefined);
    return room;
  };

  it("counts a room against its creator's address while the creator's seat is in it", () => {
    const { registry, clock } = makeRegistry({ RECONNECT_GRACE_SECONDS: 10 });
    const kept = openAs(registry, '203.0.113.9', 'm-ann');
    registry.enterAsPlayer('m-bob', kept, 'Bob', undefined);
    openAs(registry, '203.0.113.9', 'm-cat');
    expect(registry.ownedBy('203.0.113.9')).toBe(2);
    expect(registry.ownedBy('198.51.100.1')).toBe(0);
    // The creator left a room others play in: it is theirs now, no longer the address's.
    registry.leave('m-ann');
    expect(registry.ownedBy('203.0.113.9')).toBe(1);
    // A dropped creator's seat is held, and the room still counts, until the grace ends.
    registry.detach('m-cat');
    expect(registry.ownedBy('203.0.113.9')).toBe(1);
    clock.advanceBy(10_000);
    expect(registry.ownedBy('203.0.113.9')).toBe(0);
    expect(registry.size).toBe(1);
  });
});

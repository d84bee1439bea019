/**
 * A room on its own: seats, spectators, drops and returns, take-overs, chat, snapshots and
 * failures, seen through a recording channel and driven by a manual clock. No sockets.
 */
import { ManualClock, type StepFunction } from '@arena/shared/netcode/server';
import { ErrorCode } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG, step } from '@arena/shared/sim';
import { describe, expect, it, vi } from 'vitest';
import { Metrics } from '../src/metrics.js';
import { Room, type RoomOptions } from '../src/rooms/room.js';
import { RecordingChannel } from './recording-channel.js';

const GRACE_MS = 5000;

function makeRoom(overrides: Partial<RoomOptions> = {}) {
  const channel = new RecordingChannel();
  const clock = new ManualClock();
  const metrics = new Metrics();
  const log = { info: vi.fn(), error: vi.fn() };
  const onClosed = vi.fn();
  const room = new Room(
    {
      code: 'ABCDE',
      name: 'Test room',
      isPublic: true,
      maxPlayers: 4,
      maxSpectators: 2,
      simConfig: { ...DEFAULT_SIM_CONFIG, tickRateHz: 30 },
      snapshotRateHz: 15,
      graceMs: GRACE_MS,
      inputSlots: { bufferTicks: 2, maxBacklog: 15 },
      chatHistorySize: 3,
      seed: 1,
      step,
      ...overrides,
    },
    { channel, log, metrics, schedule: clock.schedule, onClosed },
  );
  return { room, channel, clock, metrics, log, onClosed };
}

describe('Room: joining and watching', () => {
  it('seats a player, tells the others, and tells the player who is there', () => {
    const { room, channel } = makeRoom();
    const ann = room.join('m-ann', 'Ann', undefined);
    // A bright green, far from Ann's colour and the floor's: kept as asked (seat-color.ts).
    const bob = room.join('m-bob', 'Bob', 0x3df53d);
    expect(channel.events('m-ann')).toEqual(['room:joined', 'player:joined']);
    expect(channel.events('m-bob')).toEqual(['room:joined']);
    expect(channel.last('m-ann', 'player:joined')).toEqual({
      id: bob.id,
      name: 'Bob',
      color: 0x3df53d,
      connected: true,
    });
    expect(channel.last('m-bob', 'room:joined')).toMatchObject({
      roomCode: 'ABCDE',
      role: 'player',
      selfId: bob.id,
      sessionToken: bob.token,
      resumed: false,
      players: [expect.objectContaining({ id: ann.id }), expect.objectContaining({ id: bob.id })],
    });
    expect(ann.id).not.toBe(bob.id);
    expect(room.seatOf('m-bob')).toBe(bob);
    expect([...channel.members].sort()).toEqual(['m-ann', 'm-bob']);
  });

  it('lets a spectator watch: snapshots yes, a seat no', () => {
    const { room, channel } = makeRoom();
    room.join('m-ann', 'Ann', undefined);
    room.spectate('m-eve', 'Eve');
    expect(channel.last('m-eve', 'room:joined')).toMatchObject({
      role: 'spectator',
      selfId: 0,
      sessionToken: '',
    });
    expect(room.seatOf('m-eve')).toBeUndefined();
    room.tick(0);
    room.tick(33);
    expect(channel.events('m-eve')).toContain('state:snapshot');
    expect(room.members().sort()).toEqual(['m-ann', 'm-eve']);
  });

  it('is full at its maximum of players, and of spectators', () => {
    const { room } = makeRoom({ maxPlayers: 2, maxSpectators: 1 });
    room.join('a', 'A', undefined);
    expect(room.isFull).toBe(false);
    room.join('b', 'B', undefined);
    expect(room.isFull).toBe(true);
    room.spectate('c', 'C');
    expect(room.spectatorsFull).toBe(true);
  });
});

describe('Room: drops, returns and take-overs', () => {
  it('holds a dropped player`s seat for the grace period, then frees it', () => {
    const { room, channel, clock, onClosed } = makeRoom();
    const ann = room.join('m-ann', 'Ann', undefined);
    room.join('m-bob', 'Bob', undefined);
    room.detach('m-ann');
    expect(channel.last('m-bob', 'player:connection')).toEqual({ id: ann.id, connected: false });
    expect(ann.member).toBeNull();
    expect(channel.members.has('m-ann')).toBe(false);
    clock.advanceBy(GRACE_MS - 1);
    expect(room.seats.has(ann.id)).toBe(true);
    clock.advanceBy(1);
    expect(room.seats.has(ann.id)).toBe(false);
    expect(channel.last('m-bob', 'player:left')).toEqual({ id: ann.id });
    expect(onClosed).not.toHaveBeenCalled();
  });

  it('frees the seat at once when there is no grace period', () => {
    const { room, channel } = makeRoom({ graceMs: 0 });
    const ann = room.join('m-ann', 'Ann', undefined);
    room.join('m-bob', 'Bob', undefined);
    room.detach('m-ann');
    expect(room.seats.has(ann.id)).toBe(false);
    expect(channel.events('m-bob')).toEqual(['room:joined', 'player:left']);
  });

  it('gives the held seat back to the returning player, and keeps it past the grace period', () => {
    const { room, channel, clock } = makeRoom();
    const ann = room.join('m-ann', 'Ann', undefined);
    room.join('m-bob', 'Bob', undefined);
    room.detach('m-ann');
    room.resume(ann, 'm-ann-again');
    expect(channel.last('m-ann-again', 'room:joined')).toMatchObject({
      resumed: true,
      selfId: ann.id,
    });
    expect(channel.last('m-bob', 'player:connection')).toEqual({ id: ann.id, connected: true });
    clock.advanceBy(GRACE_MS * 2);
    expect(room.seats.get(ann.id)?.member).toBe('m-ann-again');
    expect(clock.pending).toBe(0);
  });

  it('hands a connected seat to a second tab: the first is told, and hears no more', () => {
    const { room, channel, metrics } = makeRoom();
    const ann = room.join('tab-1', 'Ann', undefined);
    room.resume(ann, 'tab-2');
    expect(channel.last('tab-1', 'error')).toMatchObject({ code: ErrorCode.SessionReplaced });
    expect(metrics.errorsSent.get(ErrorCode.SessionReplaced)).toBe(1);
    expect(room.seatOf('tab-1')).toBeUndefined();
    expect(room.seatOf('tab-2')).toBe(ann);
    const heardBefore = channel.inbox('tab-1').length;
    room.chat('tab-2', 'mine now');
    expect(channel.inbox('tab-1')).toHaveLength(heardBefore);
    expect(room.seats.size).toBe(1);
  });
});

describe('Room: leaving and closing', () => {
  it('frees a leaving player`s seat at once and says so to both sides', () => {
    const { room, channel } = makeRoom();
    const ann = room.join('m-ann', 'Ann', undefined);
    room.join('m-bob', 'Bob', undefined);
    room.leave('m-ann');
    expect(channel.events('m-ann').at(-1)).toBe('room:left');
    expect(channel.last('m-bob', 'player:left')).toEqual({ id: ann.id });
    expect(channel.members.has('m-ann')).toBe(false);
  });

  it('closes once its last member is gone, players and spectators alike', () => {
    const { room, onClosed } = makeRoom();
    room.join('m-ann', 'Ann', undefined);
    room.spectate('m-eve', 'Eve');
    room.leave('m-ann');
    expect(onClosed).not.toHaveBeenCalled();
    room.detach('m-eve');
    expect(onClosed).toHaveBeenCalledExactlyOnceWith(room, 'empty', []);
    expect(room.closed).toBe(true);
  });

  it('closes when told to: everyone hears why, and is let go', () => {
    const { room, channel, clock, onClosed } = makeRoom();
    room.join('m-ann', 'Ann', undefined);
    const bob = room.join('m-bob', 'Bob', undefined);
    room.spectate('m-eve', 'Eve');
    room.detach('m-bob');
    room.close('shutdown', ErrorCode.ServerShuttingDown, 'Bye.');
    for (const member of ['m-ann', 'm-eve'])
      expect(channel.last(member, 'error')).toEqual({
        code: ErrorCode.ServerShuttingDown,
        message: 'Bye.',
      });
    expect(channel.members.size).toBe(0);
    expect(onClosed).toHaveBeenCalledExactlyOnceWith(room, 'shutdown', ['m-eve', 'm-ann']);
    // The held seat's timer went with the room.
    expect(clock.pending).toBe(0);
    expect(room.seats.has(bob.id)).toBe(false);
  });
});

describe('Room: chat, ticks and snapshots', () => {
  it('names chat by seat or spectator, and keeps only the last few for newcomers', () => {
    const { room, channel } = makeRoom();
    const ann = room.join('m-ann', 'Ann', undefined);
    room.spectate('m-eve', 'Eve');
    room.chat('m-ann', 'one');
    room.chat('m-eve', 'two');
    expect(channel.last('m-ann', 'chat:message')).toMatchObject({ from: 'Eve', fromId: 0 });
    expect(channel.last('m-eve', 'chat:message')).toMatchObject({ text: 'two' });
    room.chat('m-ann', 'three');
    room.chat('m-ann', 'four');
    room.join('m-bob', 'Bob', undefined);
    const history = channel.last('m-bob', 'room:joined')!.chatHistory;
    expect(history.map((m) => m.text)).toEqual(['two', 'three', 'four']);
    expect(history[1]).toMatchObject({ from: 'Ann', fromId: ann.id });
  });

  it('sends one snapshot per snapshot interval, the same bytes to everyone', () => {
    const { room, channel, metrics } = makeRoom();
    room.join('m-ann', 'Ann', undefined);
    room.join('m-bob', 'Bob', undefined);
    for (let t = 0; t < 6; t++) room.tick(t * 33);
    const snapshots = (member: string) =>
      channel.inbox(member).filter((r) => r.event === 'state:snapshot');
    // 30 Hz ticks, 15 Hz snapshots: every other tick.
    expect(snapshots('m-ann')).toHaveLength(3);
    expect(snapshots('m-bob').map((r) => r.payload)).toEqual(
      snapshots('m-ann').map((r) => r.payload),
    );
    expect(metrics.inputsApplied).toBe(0);
  });

  it('keeps its world through a failing tick, and closes after three in a row', () => {
    let failing = false;
    const flaky: StepFunction = (world, inputs, options) => {
      if (failing) throw new Error('injected');
      return step(world, inputs, options);
    };
    const { room, channel, log, onClosed, metrics } = makeRoom({ step: flaky });
    room.join('m-ann', 'Ann', undefined);
    room.tick(0);
    const tickBefore = room.sim.world.tick;
    failing = true;
    room.tick(33);
    room.tick(66);
    expect(room.sim.world.tick).toBe(tickBefore);
    expect(room.closed).toBe(false);
    room.tick(99);
    expect(room.closed).toBe(true);
    expect(channel.last('m-ann', 'error')).toMatchObject({ code: ErrorCode.RoomClosed });
    expect(onClosed).toHaveBeenCalledExactlyOnceWith(room, 'failed', ['m-ann']);
    expect(metrics.roomFailures).toBe(3);
    expect(log.error).toHaveBeenCalledTimes(3);
    expect(log.error.mock.calls[0]![0]).toMatchObject({ room: 'ABCDE', failures: 1 });
  });
});

describe('Room: snapshot mirrors', () => {
  it('sends a mirror snapshots only, one per seat, and closes it with its seat', () => {
    const { room, channel, clock } = makeRoom();
    const ann = room.join('m-ann', 'Ann', undefined);
    room.attachMirror(ann, 'mirror-1');
    room.attachMirror(ann, 'mirror-2');
    expect(channel.droppedMirrors).toEqual(['mirror-1']);
    room.join('m-bob', 'Bob', undefined);
    room.tick(0);
    room.tick(33);
    expect(channel.events('mirror-2')).toEqual(['state:snapshot']);
    room.detach('m-ann');
    expect(channel.mirrors.has('mirror-2')).toBe(true);
    clock.advanceBy(GRACE_MS);
    expect(channel.droppedMirrors).toEqual(['mirror-1', 'mirror-2']);
  });

  it('forgets a mirror that closed, and closes the mirrors of a room that closes', () => {
    const { room, channel } = makeRoom();
    const ann = room.join('m-ann', 'Ann', undefined);
    const bob = room.join('m-bob', 'Bob', undefined);
    room.attachMirror(ann, 'mirror-ann');
    room.attachMirror(bob, 'mirror-bob');
    room.detachMirror('mirror-ann');
    expect(ann.mirror).toBeNull();
    room.close('shutdown', ErrorCode.ServerShuttingDown, 'Bye.');
    expect(channel.droppedMirrors).toEqual(['mirror-bob']);
  });
});

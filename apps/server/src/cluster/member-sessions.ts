/**
 * The member's side of a cluster, over a connection's life: what `attachMemberSession` does
 * alone, for rooms that may run in other processes. On connecting, a seat token finds its
 * room wherever it runs (its code is in the token) and the seat comes back; its `room:joined`
 * reaches the socket before any later event of the member is handled, as with one process.
 * On dropping, the room's owner is told, wherever it is.
 */
import { roomCodeOfToken } from '../rooms/seat.js';
import type { WatchingNote } from '../rooms/room-registry.js';
import type { GameServices } from '../services.js';
import { sessionTokenOf } from '../socket/member-session.js';
import { leaveRoomChannels, roomCodeOfSocket } from '../socket/socket-room-channel.js';
import type { ArenaSocket } from '../socket/types.js';
import type { MemberGates } from './member-gate.js';
import type { MemberPlaces } from './member-places.js';
import type { OwnerCalls } from './owner-calls.js';

/** How long a seat given back by another process may take to say so to the socket. */
const JOINED_WAIT_MS = 1000;

export class MemberSessions {
  constructor(
    private readonly services: GameServices,
    private readonly calls: OwnerCalls,
    private readonly gates: MemberGates,
    private readonly places: MemberPlaces,
  ) {}

  attach(socket: ArenaSocket): void {
    const { rooms } = this.services;
    const member = socket.id;
    if (socket.recovered) leaveRoomChannels(socket);
    const token = sessionTokenOf(socket);
    const watching = socket.data.watching;
    delete socket.data.watching;
    this.gates.run(member, () => this.comeBack(socket, token, watching));

    let droppedFrom: string | undefined;
    socket.on('disconnecting', () => {
      droppedFrom = roomCodeOfSocket(socket);
      const note = rooms.watching(member) ?? this.places.watching(member, droppedFrom);
      if (note) socket.data.watching = note;
    });
    socket.on('disconnect', () => {
      this.gates.forget(member);
      // After what is under way for it: that may just have put it in a room.
      this.gates.run(member, () => this.dropped(member, droppedFrom));
    });
  }

  private async comeBack(
    socket: ArenaSocket,
    token: string | undefined,
    watching: WatchingNote | undefined,
  ): Promise<void> {
    if (token !== undefined && (await this.resumeSeat(socket, token))) return;
    if (socket.recovered && watching) await this.resumeWatching(socket, watching);
  }

  private async resumeSeat(socket: ArenaSocket, token: string): Promise<boolean> {
    const { rooms } = this.services;
    const code = roomCodeOfToken(token);
    if (code === undefined) return false;
    if (rooms.get(code)) return rooms.resumePlayer(socket.id, token) !== undefined;
    const joined = roomJoinedSent(socket);
    const answer = await this.calls.ask(code, { kind: 'resume', member: socket.id, token });
    if (answer === 'here') return rooms.resumePlayer(socket.id, token) !== undefined;
    if (typeof answer !== 'object' || !answer.ok) return false;
    this.places.entered(socket.id, code, null);
    await joined;
    return true;
  }

  private async resumeWatching(socket: ArenaSocket, note: WatchingNote): Promise<void> {
    const { rooms } = this.services;
    if (rooms.get(note.code)) return void rooms.resumeSpectator(socket.id, note);
    const joined = roomJoinedSent(socket);
    const message = { kind: 'watch', member: socket.id, ...note } as const;
    const answer = await this.calls.ask(note.code, message);
    if (answer === 'here') return void rooms.resumeSpectator(socket.id, note);
    if (typeof answer !== 'object' || !answer.ok) return;
    this.places.entered(socket.id, note.code, note.name);
    await joined;
  }

  private dropped(member: string, channelRoom: string | undefined): void | Promise<void> {
    const { rooms } = this.services;
    const code = channelRoom ?? this.places.roomOf(member);
    this.places.left(member);
    if (rooms.roomOf(member)) return rooms.detach(member);
    if (code === undefined) return;
    return this.calls.tell(code, { kind: 'detach', member, code }).then(() => undefined);
  }
}

/**
 * Resolves once `room:joined` has been written to the socket (it comes from the room's process
 * through the adapter), or after a while, or when the socket is gone: the seat is back, and
 * the member's next events can be handled in the order a client of one process expects.
 */
function roomJoinedSent(socket: ArenaSocket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.offAnyOutgoing(listener);
      socket.off('disconnect', done);
      resolve();
    };
    const listener = (event: string) => {
      if (event === 'room:joined') done();
    };
    const timer = setTimeout(done, JOINED_WAIT_MS);
    socket.onAnyOutgoing(listener);
    socket.once('disconnect', done);
  });
}

/**
 * What the registry reports of each change to its rooms and their members, and to whom: the
 * log (at `info`, with the room's code, the player id and the member id, never names, chat or
 * tokens), the observer (a cluster keeps Redis in step) and the lobby's listeners (its list
 * may have changed). Told after the change, except a departure, which is logged while the room
 * still knows the member's seat.
 */
import type { MemberId } from './room-channel.js';
import type { Room, RoomCloseReason, RoomLog } from './room.js';

export interface RoomObserver {
  /** A room began here: new, or restored from a checkpoint. */
  opened(room: Room): void;
  /** Someone entered, left, dropped or came back. */
  membersChanged(room: Room): void;
  /** The room ended for good (it emptied, failed, or the server is stopping). */
  closed(room: Room, reason: RoomCloseReason): void;
}

export class RoomReports {
  /** Listeners told whenever the lobby list may have changed. */
  private readonly lobbyListeners = new Set<() => void>();

  constructor(
    private readonly log: RoomLog,
    private readonly observer: RoomObserver | undefined,
  ) {}

  onLobbyChange(listener: () => void): () => void {
    this.lobbyListeners.add(listener);
    return () => this.lobbyListeners.delete(listener);
  }

  opened(room: Room): void {
    this.log.info({ room: room.code, public: room.options.isPublic }, 'room opened');
    this.observer?.opened(room);
    this.lobbyChanged();
  }

  /** A room runs on here from its checkpoint; one whose every seat was freed at once closed. */
  restored(room: Room, tick: number, seats: number): void {
    this.log.info({ room: room.code, tick, seats }, 'room restored');
    if (!room.closed) this.observer?.opened(room);
    this.lobbyChanged();
  }

  /** The room goes on in another process, which tells the observer. */
  released(room: Room): void {
    this.log.info({ room: room.code }, 'room released');
    this.lobbyChanged();
  }

  closed(room: Room, reason: RoomCloseReason): void {
    this.log.info({ room: room.code, reason }, 'room closed');
    this.observer?.closed(room, reason);
    this.lobbyChanged();
  }

  playerJoined(room: Room, playerId: number, member: MemberId): void {
    this.log.info({ room: room.code, playerId, member }, 'player joined');
    this.membersChanged(room);
  }

  spectatorJoined(room: Room, member: MemberId, resumed: boolean): void {
    this.log.info({ room: room.code, member, resumed }, 'spectator joined');
    this.membersChanged(room);
  }

  /** Logs a member's going, before its room lets go of it; a dropped player's seat is held. */
  departing(room: Room, member: MemberId, how: 'left' | 'dropped'): void {
    const seat = room.seatOf(member);
    if (!seat) return this.log.info({ room: room.code, member, how }, 'spectator left');
    const fields = { room: room.code, playerId: seat.id, member };
    if (how === 'left') this.log.info(fields, 'player left');
    else this.log.info({ ...fields, graceMs: room.options.graceMs }, 'player dropped');
  }

  /** A player took its held seat back: `replaced` is the tab that had it, if any. */
  playerResumed(
    room: Room,
    playerId: number,
    member: MemberId,
    replaced: MemberId | undefined,
  ): void {
    this.log.info({ room: room.code, playerId, member, replaced }, 'player resumed');
    this.membersChanged(room);
  }

  mirrorOpened(room: Room, playerId: number, member: MemberId): void {
    this.log.info({ room: room.code, playerId, member }, 'mirror opened');
  }

  mirrorClosed(room: Room, member: MemberId): void {
    this.log.info({ room: room.code, member }, 'mirror closed');
  }

  /** A membership change: a closed room has already said so by closing. */
  membersChanged(room: Room): void {
    if (!room.closed) this.observer?.membersChanged(room);
    this.lobbyChanged();
  }

  private lobbyChanged(): void {
    for (const listener of this.lobbyListeners) listener();
  }
}

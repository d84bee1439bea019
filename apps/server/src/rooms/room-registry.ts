/**
 * All rooms of this process, and the one answer to "which room is this member in". It creates
 * rooms (with codes; room-factory.ts builds them), finds them, picks one for quick play, lists
 * the lobby, and forgets rooms that emptied or failed. Members enter, leave, detach (their
 * connection dropped) and resume (a held seat by its token, or watching again after a blip)
 * through it, never through a room directly, so its membership and the rooms' seats cannot
 * drift apart. Each change is reported (logged, told to the observer and the lobby) by
 * room-reports.ts; which rooms count against their creator, room-owners.ts keeps.
 */
import { ErrorCode } from '@arena/shared/protocol';
import type { ServerConfig } from '../config.js';
import type { MemberId } from './room-channel.js';
import type { RoomCheckpoint } from './room-checkpoint.js';
import type { Room, RoomCloseReason } from './room.js';
import { generateRoomCode } from './room-codes.js';
import { roomFactory, type BuildRoom, type RoomParts } from './room-factory.js';
import { RoomOwners } from './room-owners.js';
import { RoomReports, type RoomObserver } from './room-reports.js';
import type { InputResult, ReceivedInput } from './room-simulation.js';
import { roomCodeOfToken, type Seat } from './seat.js';

/** Why a room could not be made. */
export type RoomRefusal = typeof ErrorCode.TooManyRooms | typeof ErrorCode.ClusterUnavailable;

export interface CreateRoomOptions {
  name?: string | undefined;
  isPublic?: boolean | undefined;
  /** Who the room counts against (a client address) while its creator's seat is in it. */
  owner?: string | undefined;
}

/** What rooms are built with (room-factory.ts), and the hooks of a cluster. */
export interface RegistryContext extends RoomParts {
  /**
   * Where new rooms' codes come from when codes must be unique beyond this process (a
   * cluster's, reserved in Redis); undefined when none can be had now. Random codes otherwise.
   */
  takeCode?: (() => string | undefined) | undefined;
  /** Told when rooms open, change hands or members, and close (a cluster keeps Redis in step). */
  observer?: RoomObserver | undefined;
  /** Whether a room may run its next tick (a cluster's owner only while its lease holds). */
  mayTick?: ((room: Room) => boolean) | undefined;
}

/** What a member watches, for socket.io to keep across a blip (see member-session.ts). */
export interface WatchingNote {
  code: string;
  name: string;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly memberRooms = new Map<MemberId, Room>();
  /** The room of each snapshot mirror connected here. */
  private readonly mirrorRooms = new Map<MemberId, Room>();
  private readonly owners = new RoomOwners();
  private readonly newRoom: BuildRoom;
  private readonly reports: RoomReports;

  constructor(
    private readonly config: ServerConfig,
    private readonly ctx: RegistryContext,
  ) {
    this.newRoom = roomFactory(config, ctx);
    this.reports = new RoomReports(ctx.log, ctx.observer);
  }

  get size(): number {
    return this.rooms.size;
  }

  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  get(code: string): Room | undefined {
    return this.rooms.get(code);
  }

  /** The room this member is in, if any. A room that closed has let its members go. */
  roomOf(member: MemberId): Room | undefined {
    return this.memberRooms.get(member);
  }

  /**
   * Rooms that count against `owner`: those it created whose creator's seat is still in them
   * (playing, or held for their return), and those it created a moment ago and not sat in yet.
   */
  ownedBy(owner: string): number {
    return this.owners.countFor(owner);
  }

  /**
   * Returns the new room, or an error code: the server runs its maximum of rooms, or (in a
   * cluster) no code unique across the cluster can be had now.
   */
  create(options: CreateRoomOptions): Room | RoomRefusal {
    if (this.rooms.size >= this.config.MAX_ROOMS) return ErrorCode.TooManyRooms;
    const code = this.ctx.takeCode
      ? this.ctx.takeCode()
      : generateRoomCode((c) => this.rooms.has(c));
    if (code === undefined) return ErrorCode.ClusterUnavailable;
    const name = options.name ?? `Room ${code}`;
    const room = this.build(code, name, options.isPublic ?? true);
    if (options.owner !== undefined) this.owners.created(room, options.owner);
    this.reports.opened(room);
    return room;
  }

  /**
   * Runs a room on from its checkpoint (its owner is gone): seats held for their players to
   * come back by token, as after a drop.
   */
  restore(saved: RoomCheckpoint): Room | typeof ErrorCode.TooManyRooms {
    if (this.rooms.size >= this.config.MAX_ROOMS) return ErrorCode.TooManyRooms;
    const room = this.build(saved.code, saved.name, saved.isPublic);
    room.restore(saved);
    this.reports.restored(room, saved.world.tick, saved.seats.length);
    return room;
  }

  /**
   * The room goes on elsewhere (this process hands it over, or lost its lease): it leaves this
   * registry without a word to its members, whom its new owner will address.
   */
  release(room: Room): void {
    if (this.rooms.get(room.code) !== room) return;
    this.rooms.delete(room.code);
    this.owners.forget(room);
    for (const member of room.members())
      if (this.memberRooms.get(member) === room) this.memberRooms.delete(member);
    room.abandon();
    this.reports.released(room);
  }

  private build(code: string, name: string, isPublic: boolean): Room {
    const room = this.newRoom(code, name, isPublic, (closed, reason, formerMembers) =>
      this.forget(closed, reason, formerMembers),
    );
    this.rooms.set(code, room);
    return room;
  }

  /** Seats the member as a new player. The caller has checked that it may. */
  enterAsPlayer(member: MemberId, room: Room, name: string, color: number | undefined): Seat {
    const seat = room.join(member, name, color);
    this.memberRooms.set(member, room);
    this.owners.seated(room, seat.id);
    this.reports.playerJoined(room, seat.id, member);
    return seat;
  }

  /** Lets the member watch. The caller has checked that it may. */
  enterAsSpectator(member: MemberId, room: Room, name: string, resumed = false): void {
    room.spectate(member, name, resumed);
    this.memberRooms.set(member, room);
    this.reports.spectatorJoined(room, member, resumed);
  }

  /** The member asked to leave its room; false if it was in none. */
  leave(member: MemberId): boolean {
    const room = this.memberRooms.get(member);
    if (!room) return false;
    this.memberRooms.delete(member);
    this.reports.departing(room, member, 'left');
    room.leave(member);
    this.reports.membersChanged(room);
    return true;
  }

  /** The member's connection dropped: its room holds a player's seat for the grace period. */
  detach(member: MemberId): void {
    const room = this.memberRooms.get(member);
    if (!room) return;
    this.memberRooms.delete(member);
    this.reports.departing(room, member, 'dropped');
    room.detach(member);
    this.reports.membersChanged(room);
  }

  /**
   * Gives the seat that `token` belongs to back to this member: the player is back from a
   * drop, or plays on in another tab, which the seat's previous connection is told.
   */
  resumePlayer(member: MemberId, token: string): Room | undefined {
    const found = this.findSeat(token);
    if (!found || found.room.closed) return undefined;
    const previous = found.seat.member;
    found.room.resume(found.seat, member);
    const replaced = previous !== null && previous !== member ? previous : undefined;
    if (replaced !== undefined) this.memberRooms.delete(replaced);
    this.memberRooms.set(member, found.room);
    this.reports.playerResumed(found.room, found.seat.id, member, replaced);
    return found.room;
  }

  /** Whether `token` names a seat of an open room here (a mirror may attach to it). */
  holdsSeat(token: string): boolean {
    const found = this.findSeat(token);
    return found !== undefined && !found.room.closed;
  }

  /**
   * Makes `member` the snapshot mirror of the seat `token` belongs to (replacing the one it
   * had); undefined when no open room here has that seat.
   */
  attachMirror(member: MemberId, token: string): Room | undefined {
    const found = this.findSeat(token);
    if (!found || found.room.closed) return undefined;
    found.room.attachMirror(found.seat, member);
    this.mirrorRooms.set(member, found.room);
    this.reports.mirrorOpened(found.room, found.seat.id, member);
    return found.room;
  }

  /** A mirror's connection closed. */
  detachMirror(member: MemberId): void {
    const room = this.mirrorRooms.get(member);
    if (!room) return;
    this.mirrorRooms.delete(member);
    room.detachMirror(member);
    this.reports.mirrorClosed(room, member);
  }

  /**
   * A member's input, for its room to run on its seat's next slot. Members act through the
   * registry by id, so the room they act on may one day run in another process.
   */
  input(member: MemberId, input: ReceivedInput): InputResult | 'spectator' | 'not-in-room' {
    return this.memberRooms.get(member)?.input(member, input) ?? 'not-in-room';
  }

  /** A member's chat message, to everyone in its room; false if it is in none. */
  chat(member: MemberId, text: string): boolean {
    const room = this.memberRooms.get(member);
    room?.chat(member, text);
    return room !== undefined;
  }

  /** Lets a member watch again after a blip, if its room is still there and has a place. */
  resumeSpectator(member: MemberId, note: WatchingNote): Room | undefined {
    const room = this.rooms.get(note.code);
    if (!room || room.closed || room.spectatorsFull) return undefined;
    this.enterAsSpectator(member, room, note.name, true);
    return room;
  }

  /** What the member is watching, if it is a spectator. */
  watching(member: MemberId): WatchingNote | undefined {
    const room = this.memberRooms.get(member);
    const name = room?.spectators.get(member);
    return room && name !== undefined ? { code: room.code, name } : undefined;
  }

  /** The fullest public room that still has a free seat, if any. */
  quickPlayRoom(): Room | undefined {
    let best: Room | undefined;
    for (const room of this.rooms.values()) {
      if (!room.options.isPublic || room.isFull || room.closed) continue;
      if (!best || room.seats.size > best.seats.size) best = room;
    }
    return best;
  }

  lobbyList() {
    return [...this.rooms.values()]
      .filter((room) => room.options.isPublic && !room.closed)
      .map((room) => room.lobbyEntry());
  }

  /** Calls `listener` whenever the lobby list may have changed; returns how to stop. */
  onLobbyChange(listener: () => void): () => void {
    return this.reports.onLobbyChange(listener);
  }

  tickAll(serverTimeMs: number): void {
    const mayTick = this.ctx.mayTick;
    for (const room of this.rooms.values()) if (!mayTick || mayTick(room)) room.tick(serverTimeMs);
  }

  /** The server is stopping: every room tells its members why, and closes. */
  closeAll(code: ErrorCode, message: string): void {
    for (const room of [...this.rooms.values()]) room.close('shutdown', code, message);
  }

  private findSeat(token: string): { room: Room; seat: Seat } | undefined {
    const code = roomCodeOfToken(token);
    const room = code === undefined ? undefined : this.rooms.get(code);
    const seat = room?.seatByToken(token);
    return room && seat ? { room, seat } : undefined;
  }

  private forget(room: Room, reason: RoomCloseReason, formerMembers: readonly MemberId[]): void {
    this.rooms.delete(room.code);
    this.owners.forget(room);
    for (const member of formerMembers)
      if (this.memberRooms.get(member) === room) this.memberRooms.delete(member);
    this.reports.closed(room, reason);
  }
}

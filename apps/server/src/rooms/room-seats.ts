/**
 * The players' seats of one room, and each seat's life: taken by a new player; held for the
 * grace period when its player drops, then freed; given back to its player, or taken over by
 * another tab (whose connection is told, and hears no more); freed at once when its player
 * leaves. A seat may have a snapshot mirror, which goes with it. Seats are found by player id,
 * by the member playing in them (an input finds its seat without a scan) and by session token.
 * What the other members must know of a seat's change is said here; what the member itself is
 * told (`room:joined`) the room says.
 */
import type { Schedule } from '@arena/shared/netcode/server';
import { ErrorCode } from '@arena/shared/protocol';
import type { Metrics } from '../metrics.js';
import { errorSender } from '../send-error.js';
import type { MemberId, RoomChannel } from './room-channel.js';
import type { SavedSeat } from './room-checkpoint.js';
import { playerInfo } from './room-payloads.js';
import type { RoomSimulation } from './room-simulation.js';
import type { RoomLog } from './room.js';
import { newSessionToken, type Seat } from './seat.js';
import { seatColor } from './seat-color.js';

/** What a room's seats need of their room. */
export interface SeatsContext {
  code: string;
  graceMs: number;
  sim: RoomSimulation;
  channel: RoomChannel;
  log: RoomLog;
  metrics: Metrics;
  /** Times the grace period of a dropped player's seat. */
  schedule: Schedule;
  /** A seat was freed: the room may be empty now. */
  onFreed: () => void;
}

export class RoomSeats {
  /** Every seat by player id, held ones included. */
  readonly all = new Map<number, Seat>();
  private readonly byMember = new Map<MemberId, Seat>();
  private nextPlayerId = 1;

  constructor(private readonly ctx: SeatsContext) {}

  seatOf(member: MemberId): Seat | undefined {
    return this.byMember.get(member);
  }

  byToken(token: string): Seat | undefined {
    for (const seat of this.all.values()) if (seat.token === token) return seat;
    return undefined;
  }

  /** A new seat for `member`, with the next free player id; the others are told. */
  take(member: MemberId, name: string, color: number | undefined): Seat {
    const id = this.allocatePlayerId();
    const seat: Seat = {
      id,
      name,
      // Distinct and far apart within the room: a wish too close to someone's is adjusted.
      color: seatColor(
        color,
        [...this.all.values()].map((s) => s.color),
      ),
      token: newSessionToken(this.ctx.code),
      member: null,
      mirror: null,
      cancelGrace: null,
    };
    this.all.set(id, seat);
    this.place(seat, member);
    this.ctx.sim.addPlayer(id);
    this.ctx.channel.toAllBut(member, 'player:joined', playerInfo(seat));
    return seat;
  }

  /** Gives a held seat to `member`; a connection that still played in it is evicted. */
  giveBack(seat: Seat, member: MemberId): void {
    seat.cancelGrace?.();
    seat.cancelGrace = null;
    const previous = seat.member;
    if (previous !== null && previous !== member) this.evict(previous, seat);
    this.place(seat, member);
    this.ctx.sim.setConnected(seat.id, true);
  }

  /** The seat's player dropped: the seat is held for the grace period, or freed without one. */
  away(seat: Seat): void {
    this.place(seat, null);
    if (this.ctx.graceMs <= 0) return this.free(seat);
    this.ctx.channel.toAll('player:connection', { id: seat.id, connected: false });
    this.hold(seat);
  }

  /** The seat goes, and its mirror with it; everyone is told. */
  free(seat: Seat): void {
    seat.cancelGrace?.();
    if (!this.all.delete(seat.id)) return;
    this.dropMirror(seat);
    if (seat.member !== null) this.byMember.delete(seat.member);
    this.ctx.sim.removePlayer(seat.id);
    this.ctx.channel.toAll('player:left', { id: seat.id });
    this.ctx.onFreed();
  }

  /**
   * Gives the seat a snapshot mirror: a second connection that is sent the room's snapshots
   * (its own delta chain, a keyframe first) and nothing else. One per seat: a newer one
   * replaces the old, which is closed.
   */
  attachMirror(seat: Seat, member: MemberId): void {
    if (seat.mirror !== null && seat.mirror !== member) this.ctx.channel.dropMirror(seat.mirror);
    seat.mirror = member;
    this.ctx.channel.addMirror(member);
  }

  /** The mirror's connection went away; its seat plays on. */
  detachMirror(member: MemberId): void {
    for (const seat of this.all.values()) if (seat.mirror === member) seat.mirror = null;
  }

  /** The room is closing: no seat's timer runs on, no mirror stays open. */
  letGo(): void {
    for (const seat of this.all.values()) {
      seat.cancelGrace?.();
      this.dropMirror(seat);
    }
  }

  /** The room goes on in another process: no seat's timer runs on here. */
  cancelGraces(): void {
    for (const seat of this.all.values()) seat.cancelGrace?.();
  }

  clear(): void {
    this.all.clear();
    this.byMember.clear();
  }

  /** The seats as plain data, for a checkpoint (room-checkpoint.ts). */
  save(): { seats: SavedSeat[]; nextPlayerId: number } {
    const seats = [...this.all.values()].map(({ id, name, color, token, member }) => ({
      id,
      name,
      color,
      token,
      member,
    }));
    return { seats, nextPlayerId: this.nextPlayerId };
  }

  /**
   * Puts saved seats back, each held as after a drop for its player to come back by token
   * within the grace period (freed at once without one). The simulation has their players.
   */
  restore(saved: readonly SavedSeat[], nextPlayerId: number): void {
    this.nextPlayerId = nextPlayerId;
    for (const { id, name, color, token } of saved) {
      this.all.set(id, { id, name, color, token, member: null, mirror: null, cancelGrace: null });
    }
    for (const seat of [...this.all.values()]) {
      if (this.ctx.graceMs <= 0) this.free(seat);
      else this.hold(seat);
    }
  }

  /** Puts `member` in `seat` (null: away), keeping the index by member in step. */
  private place(seat: Seat, member: MemberId | null): void {
    if (seat.member !== null) this.byMember.delete(seat.member);
    seat.member = member;
    if (member !== null) this.byMember.set(member, seat);
  }

  /** Keeps an away player's seat for the grace period, then frees it. */
  private hold(seat: Seat): void {
    this.ctx.sim.setConnected(seat.id, false);
    seat.cancelGrace = this.ctx.schedule(() => {
      this.ctx.log.info({ room: this.ctx.code, playerId: seat.id }, 'player did not come back');
      this.free(seat);
    }, this.ctx.graceMs);
  }

  /** Another connection took the seat over: the one it had is told, and hears no more. */
  private evict(previous: MemberId, seat: Seat): void {
    this.ctx.channel.remove(previous);
    const sendError = errorSender(
      (error) => this.ctx.channel.toMember(previous, 'error', error),
      this.ctx.metrics,
    );
    sendError(
      ErrorCode.SessionReplaced,
      `Your seat as ${seat.name} was taken over by another tab.`,
    );
  }

  /** A seat that goes takes its mirror with it. */
  private dropMirror(seat: Seat): void {
    if (seat.mirror === null) return;
    this.ctx.channel.dropMirror(seat.mirror);
    seat.mirror = null;
  }

  private allocatePlayerId(): number {
    while (this.all.has(this.nextPlayerId)) this.nextPlayerId = (this.nextPlayerId % 0xffff) + 1;
    const id = this.nextPlayerId;
    this.nextPlayerId = (this.nextPlayerId % 0xffff) + 1;
    return id;
  }
}

/**
 * One room: who is in it (seats and spectators, each a member id), its authoritative
 * simulation, and what it tells its members. It reaches them only through its channel, never
 * through a socket, so a member may be connected to another process than the room's, and the
 * room runs in a unit test with a recording channel. A snapshot is encoded once per interval
 * and handed to the channel as one buffer for everyone.
 */
import type { StepFunction, Schedule } from '@arena/shared/netcode/server';
import { ErrorCode, type ServerPayload } from '@arena/shared/protocol';
import { cloneWorld, type SimConfig, type SimEvent } from '@arena/shared/sim';
import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics.js';
import { errorSender, type SendError } from '../send-error.js';
import type { MemberId, RoomChannel } from './room-channel.js';
import { CHECKPOINT_VERSION, type RoomCheckpoint } from './room-checkpoint.js';
import {
  joinedPayload,
  lobbyEntry,
  playerInfo,
  roundEndedPayload,
  spectatorsPayload,
} from './room-payloads.js';
import {
  RoomSimulation,
  type InputResult,
  type InputSlotLimits,
  type ReceivedInput,
} from './room-simulation.js';
import { newSessionToken, type Seat } from './seat.js';
import { seatColor } from './seat-color.js';

export interface RoomOptions {
  code: string;
  name: string;
  isPublic: boolean;
  maxPlayers: number;
  maxSpectators: number;
  simConfig: SimConfig;
  snapshotRateHz: number;
  graceMs: number;
  /** The jitter buffer and the backlog bound of every player's input slots. */
  inputSlots: InputSlotLimits;
  chatHistorySize: number;
  seed: number;
  /** The game's fixed-step function (`sim.step`, unless a test wraps it). */
  step: StepFunction;
}

export type RoomLog = Pick<FastifyBaseLogger, 'info' | 'error'>;

/** Why a room closed: its last member left, its tick kept failing, or the server is stopping. */
export type RoomCloseReason = 'empty' | 'failed' | 'shutdown';

export interface RoomContext {
  channel: RoomChannel;
  log: RoomLog;
  metrics: Metrics;
  /** Times the grace period of a dropped player's seat. */
  schedule: Schedule;
  /** Called once, when the room has closed: why, and the members it let go. */
  onClosed: (room: Room, reason: RoomCloseReason, formerMembers: readonly MemberId[]) => void;
}

type ChatMessage = ServerPayload<'chat:message'>;

/** Consecutive failing ticks after which a room gives up and closes. */
const MAX_CONSECUTIVE_FAILURES = 3;

export class Room {
  readonly code: string;
  readonly seats = new Map<number, Seat>();
  /** Each seat by the member playing in it: an input finds its seat without a scan. */
  private readonly seatByMember = new Map<MemberId, Seat>();
  /** Spectators, and the names they chose (for chat). */
  readonly spectators = new Map<MemberId, string>();
  readonly sim: RoomSimulation;
  private readonly recentChat: ChatMessage[] = [];
  private readonly errorToAll: SendError;
  private readonly ticksPerSnapshot: number;
  private nextPlayerId = 1;
  private ticksSinceSnapshot = 0;
  private consecutiveFailures = 0;
  closed = false;

  constructor(
    readonly options: RoomOptions,
    private readonly ctx: RoomContext,
  ) {
    this.code = options.code;
    this.sim = new RoomSimulation(
      options.seed,
      options.simConfig,
      options.inputSlots,
      options.step,
    );
    this.errorToAll = errorSender((error) => ctx.channel.toAll('error', error), ctx.metrics);
    const { simConfig, snapshotRateHz } = options;
    this.ticksPerSnapshot = Math.max(1, Math.round(simConfig.tickRateHz / snapshotRateHz));
  }

  get isFull(): boolean {
    return this.seats.size >= this.options.maxPlayers;
  }

  get spectatorsFull(): boolean {
    return this.spectators.size >= this.options.maxSpectators;
  }

  get isEmpty(): boolean {
    return this.seats.size === 0 && this.spectators.size === 0;
  }

  get chatHistory(): readonly ChatMessage[] {
    return this.recentChat;
  }

  seatOf(member: MemberId): Seat | undefined {
    return this.seatByMember.get(member);
  }

  /** Puts `member` in `seat` (null: away), keeping the index by member in step. */
  private seatMember(seat: Seat, member: MemberId | null): void {
    if (seat.member !== null) this.seatByMember.delete(seat.member);
    seat.member = member;
    if (member !== null) this.seatByMember.set(member, seat);
  }

  seatByToken(token: string): Seat | undefined {
    for (const seat of this.seats.values()) if (seat.token === token) return seat;
    return undefined;
  }

  /** Every connection the room holds: players who are connected, and spectators. */
  members(): MemberId[] {
    const members = [...this.spectators.keys()];
    for (const seat of this.seats.values()) if (seat.member !== null) members.push(seat.member);
    return members;
  }

  /** Seats a new player. The caller has checked that the room is not full. */
  join(member: MemberId, name: string, color: number | undefined): Seat {
    const id = this.allocatePlayerId();
    const seat: Seat = {
      id,
      name,
      // Distinct and far apart within the room: a wish too close to someone's is adjusted.
      color: seatColor(
        color,
        [...this.seats.values()].map((s) => s.color),
      ),
      token: newSessionToken(this.code),
      member: null,
      mirror: null,
      cancelGrace: null,
    };
    this.seats.set(id, seat);
    this.seatMember(seat, member);
    this.sim.addPlayer(id);
    this.ctx.channel.toAllBut(member, 'player:joined', playerInfo(seat));
    this.ctx.channel.add(member);
    this.ctx.channel.toMember(member, 'room:joined', joinedPayload(this, 'player', seat, false));
    return seat;
  }

  /** Lets a member watch. The caller has checked that there is a place left to watch. */
  spectate(member: MemberId, name: string, resumed = false): void {
    this.spectators.set(member, name);
    this.ctx.channel.toAll('room:spectators', spectatorsPayload(this));
    this.ctx.channel.add(member);
    this.ctx.channel.toMember(
      member,
      'room:joined',
      joinedPayload(this, 'spectator', null, resumed),
    );
  }

  /** Gives a held seat to a member: a player back from a drop, or a tab taking over. */
  resume(seat: Seat, member: MemberId): void {
    seat.cancelGrace?.();
    seat.cancelGrace = null;
    const previous = seat.member;
    if (previous !== null && previous !== member) this.evict(previous, seat);
    this.seatMember(seat, member);
    this.sim.setConnected(seat.id, true);
    this.ctx.channel.add(member);
    this.ctx.channel.toMember(member, 'room:joined', joinedPayload(this, 'player', seat, true));
    this.ctx.channel.toAllBut(member, 'player:connection', { id: seat.id, connected: true });
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
    for (const seat of this.seats.values()) if (seat.mirror === member) seat.mirror = null;
  }

  /** The member's connection went away without leaving: a player's seat is held a while. */
  detach(member: MemberId): void {
    this.ctx.channel.remove(member);
    if (this.spectators.has(member)) return this.stopWatching(member);
    const seat = this.seatOf(member);
    if (!seat) return;
    this.seatMember(seat, null);
    if (this.options.graceMs <= 0) return this.removeSeat(seat);
    this.ctx.channel.toAll('player:connection', { id: seat.id, connected: false });
    this.holdSeat(seat);
  }

  /** The room as plain data, for another process to run on from here (room-checkpoint.ts). */
  save(): RoomCheckpoint {
    return {
      version: CHECKPOINT_VERSION,
      code: this.code,
      name: this.options.name,
      isPublic: this.options.isPublic,
      // A copy: the world is stepped in place, and a checkpoint is kept as it was.
      world: cloneWorld(this.sim.world),
      seats: [...this.seats.values()].map(({ id, name, color, token, member }) => ({
        id,
        name,
        color,
        token,
        member,
      })),
      spectators: [...this.spectators].map(([member, name]) => ({ member, name })),
      chat: [...this.recentChat],
      nextPlayerId: this.nextPlayerId,
    };
  }

  /**
   * Puts a saved room back, right after it was built: its world, chat and seats. Every seat is
   * held as after a drop, for its player to come back by token within the grace period; nobody
   * is in the channel yet.
   */
  restore(saved: RoomCheckpoint): void {
    this.sim.restore(
      saved.world,
      saved.seats.map((seat) => seat.id),
    );
    this.recentChat.push(...saved.chat.slice(-this.options.chatHistorySize));
    this.nextPlayerId = saved.nextPlayerId;
    for (const { id, name, color, token } of saved.seats) {
      this.seats.set(id, {
        id,
        name,
        color,
        token,
        member: null,
        mirror: null,
        cancelGrace: null,
      });
    }
    for (const seat of [...this.seats.values()]) {
      if (this.options.graceMs <= 0) this.removeSeat(seat);
      else this.holdSeat(seat);
    }
  }

  /** The member asked to leave: its seat is freed at once, and it is told so. */
  leave(member: MemberId): void {
    this.ctx.channel.remove(member);
    this.ctx.channel.toMember(member, 'room:left', {});
    if (this.spectators.has(member)) return this.stopWatching(member);
    const seat = this.seatOf(member);
    if (seat) this.removeSeat(seat);
  }

  /** A member's input, queued for its seat's slot; a spectator has no seat to play in. */
  input(member: MemberId, input: ReceivedInput): InputResult | 'spectator' {
    const seat = this.seatOf(member);
    return seat ? this.sim.receiveInput(seat.id, input) : 'spectator';
  }

  chat(member: MemberId, text: string): void {
    const seat = this.seatOf(member);
    const message: ChatMessage = {
      from: seat ? seat.name : (this.spectators.get(member) ?? 'spectator'),
      fromId: seat ? seat.id : 0,
      text,
      atMs: Date.now(),
    };
    this.recentChat.push(message);
    if (this.recentChat.length > this.options.chatHistorySize) this.recentChat.shift();
    this.ctx.channel.toAll('chat:message', message);
  }

  /**
   * Runs one tick, contained: a throwing tick is logged, sends no snapshot, and three in a row
   * close the room (room-simulation.ts says what a throwing step leaves of the world).
   */
  tick(serverTimeMs: number): void {
    if (this.closed) return;
    const started = performance.now();
    try {
      const { world, inputsApplied, inputsDropped } = this.sim.tick();
      this.consecutiveFailures = 0;
      this.ctx.metrics.inputsApplied += inputsApplied;
      this.ctx.metrics.inputsDropped += inputsDropped;
      this.announce(world.events);
    } catch (error) {
      this.onTickFailure(error);
      return;
    }
    this.ctx.metrics.observeTick(performance.now() - started);
    this.ticksSinceSnapshot += 1;
    if (this.ticksSinceSnapshot >= this.ticksPerSnapshot) {
      this.ticksSinceSnapshot = 0;
      this.ctx.channel.broadcastSnapshot(this.sim.encodeSnapshot(serverTimeMs));
    }
  }

  /** Tells everyone the room is gone and lets go of every member. */
  close(reason: Exclude<RoomCloseReason, 'empty'>, code: ErrorCode, message: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const seat of this.seats.values()) {
      seat.cancelGrace?.();
      this.dropMirror(seat);
    }
    this.errorToAll(code, message);
    this.ctx.channel.removeAll();
    const formerMembers = this.members();
    this.seats.clear();
    this.seatByMember.clear();
    this.spectators.clear();
    this.ctx.onClosed(this, reason, formerMembers);
  }

  /** The room goes on in another process: it stops here without a word, leaving no timer. */
  abandon(): void {
    this.closed = true;
    for (const seat of this.seats.values()) seat.cancelGrace?.();
  }

  lobbyEntry(): ServerPayload<'lobby:rooms'>['rooms'][number] {
    return lobbyEntry(this);
  }

  private onTickFailure(error: unknown): void {
    this.consecutiveFailures += 1;
    this.ctx.metrics.roomFailures += 1;
    this.ctx.log.error(
      { err: error, room: this.code, failures: this.consecutiveFailures },
      'room tick failed; state kept from the previous tick',
    );
    if (this.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
      this.close(
        'failed',
        ErrorCode.RoomClosed,
        'This room hit an internal error and was closed. Please join or create another.',
      );
    }
  }

  private announce(events: readonly SimEvent[]): void {
    for (const event of events) {
      if (event.type !== 'round-ended') continue;
      this.ctx.channel.toAll('round:ended', roundEndedPayload(event, this.seats));
    }
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

  /** Keeps an away player's seat for the grace period, then frees it. */
  private holdSeat(seat: Seat): void {
    this.sim.setConnected(seat.id, false);
    seat.cancelGrace = this.ctx.schedule(() => {
      this.ctx.log.info({ room: this.code, playerId: seat.id }, 'player did not come back');
      this.removeSeat(seat);
    }, this.options.graceMs);
  }

  private stopWatching(member: MemberId): void {
    this.spectators.delete(member);
    this.closeIfEmpty();
    if (!this.closed) this.ctx.channel.toAll('room:spectators', spectatorsPayload(this));
  }

  private removeSeat(seat: Seat): void {
    seat.cancelGrace?.();
    if (!this.seats.delete(seat.id)) return;
    this.dropMirror(seat);
    if (seat.member !== null) this.seatByMember.delete(seat.member);
    this.sim.removePlayer(seat.id);
    this.ctx.channel.toAll('player:left', { id: seat.id });
    this.closeIfEmpty();
  }

  /** A seat that goes takes its mirror with it. */
  private dropMirror(seat: Seat): void {
    if (seat.mirror === null) return;
    this.ctx.channel.dropMirror(seat.mirror);
    seat.mirror = null;
  }

  private closeIfEmpty(): void {
    if (!this.isEmpty || this.closed) return;
    this.closed = true;
    this.ctx.onClosed(this, 'empty', []);
  }

  private allocatePlayerId(): number {
    while (this.seats.has(this.nextPlayerId)) this.nextPlayerId = (this.nextPlayerId % 0xffff) + 1;
    const id = this.nextPlayerId;
    this.nextPlayerId = (this.nextPlayerId % 0xffff) + 1;
    return id;
  }
}

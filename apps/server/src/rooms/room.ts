/**
 * One room: who is in it (seats and spectators, each a member id), its authoritative
 * simulation, its chat, and what it tells its members; how it closes, and how it is saved for
 * another process and restored there. It reaches its members only through its channel, never
 * through a socket, so a member may be connected to another process than the room's, and the
 * room runs in a unit test with a recording channel. Its players' seats and their life are in
 * room-seats.ts; its tick (rounds, snapshots, failures) in room-tick.ts.
 */
import type { StepFunction, Schedule } from '@arena/shared/netcode/server';
import { ErrorCode, type ServerPayload } from '@arena/shared/protocol';
import { cloneWorld, type SimConfig } from '@arena/shared/sim';
import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics.js';
import { errorSender, type SendError } from '../send-error.js';
import type { MemberId, RoomChannel } from './room-channel.js';
import { CHECKPOINT_VERSION, type RoomCheckpoint } from './room-checkpoint.js';
import { joinedPayload, lobbyEntry, spectatorsPayload } from './room-payloads.js';
import { RoomSeats } from './room-seats.js';
import {
  RoomSimulation,
  type InputResult,
  type InputSlotLimits,
  type ReceivedInput,
} from './room-simulation.js';
import { RoomTick } from './room-tick.js';
import type { Seat } from './seat.js';

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

export class Room {
  readonly code: string;
  /** Every seat by player id, held ones included (room-seats.ts keeps them). */
  readonly seats: ReadonlyMap<number, Seat>;
  /** Spectators, and the names they chose (for chat). */
  readonly spectators = new Map<MemberId, string>();
  readonly sim: RoomSimulation;
  private readonly seating: RoomSeats;
  private readonly ticks: RoomTick;
  private readonly recentChat: ChatMessage[] = [];
  private readonly errorToAll: SendError;
  closed = false;

  constructor(
    readonly options: RoomOptions,
    private readonly ctx: RoomContext,
  ) {
    const { code, graceMs, simConfig, snapshotRateHz } = options;
    const { channel, log, metrics, schedule } = ctx;
    this.code = code;
    const sim = new RoomSimulation(options.seed, simConfig, options.inputSlots, options.step);
    this.sim = sim;
    sim.onInputRan = (waitedMs) => metrics.observeInputWait(waitedMs);
    const onFreed = () => this.closeIfEmpty();
    this.seating = new RoomSeats({ code, graceMs, sim, channel, log, metrics, schedule, onFreed });
    this.seats = this.seating.all;
    this.ticks = new RoomTick({
      code,
      sim,
      seats: this.seats,
      channel,
      log,
      metrics,
      ticksPerSnapshot: Math.max(1, Math.round(simConfig.tickRateHz / snapshotRateHz)),
      giveUp: () =>
        this.close(
          'failed',
          ErrorCode.RoomClosed,
          'This room hit an internal error and was closed. Please join or create another.',
        ),
    });
    this.errorToAll = errorSender((error) => channel.toAll('error', error), metrics);
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
    return this.seating.seatOf(member);
  }

  seatByToken(token: string): Seat | undefined {
    return this.seating.byToken(token);
  }

  /** Every connection the room holds: players who are connected, and spectators. */
  members(): MemberId[] {
    const members = [...this.spectators.keys()];
    for (const seat of this.seats.values()) if (seat.member !== null) members.push(seat.member);
    return members;
  }

  /** Seats a new player. The caller has checked that the room is not full. */
  join(member: MemberId, name: string, color: number | undefined): Seat {
    const seat = this.seating.take(member, name, color);
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
    this.seating.giveBack(seat, member);
    this.ctx.channel.add(member);
    this.ctx.channel.toMember(member, 'room:joined', joinedPayload(this, 'player', seat, true));
    this.ctx.channel.toAllBut(member, 'player:connection', { id: seat.id, connected: true });
  }

  /** Gives the seat a snapshot mirror, replacing the one it had (room-seats.ts). */
  attachMirror(seat: Seat, member: MemberId): void {
    this.seating.attachMirror(seat, member);
  }

  /** The mirror's connection went away; its seat plays on. */
  detachMirror(member: MemberId): void {
    this.seating.detachMirror(member);
  }

  /** The member's connection went away without leaving: a player's seat is held a while. */
  detach(member: MemberId): void {
    this.ctx.channel.remove(member);
    if (this.spectators.has(member)) return this.stopWatching(member);
    const seat = this.seatOf(member);
    if (seat) this.seating.away(seat);
  }

  /** The member asked to leave: its seat is freed at once, and it is told so. */
  leave(member: MemberId): void {
    this.ctx.channel.remove(member);
    this.ctx.channel.toMember(member, 'room:left', {});
    if (this.spectators.has(member)) return this.stopWatching(member);
    const seat = this.seatOf(member);
    if (seat) this.seating.free(seat);
  }

  /** A member's input, queued for its seat's slot; a spectator has no seat to play in. */
  input(member: MemberId, input: ReceivedInput): InputResult | 'spectator' {
    const seat = this.seating.seatOf(member);
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

  /** Runs one tick (room-tick.ts); a room that closed runs no more. */
  tick(serverTimeMs: number): void {
    if (!this.closed) this.ticks.run(serverTimeMs);
  }

  /** The room as plain data, for another process to run on from here (room-checkpoint.ts). */
  save(): RoomCheckpoint {
    const { seats, nextPlayerId } = this.seating.save();
    return {
      version: CHECKPOINT_VERSION,
      code: this.code,
      name: this.options.name,
      isPublic: this.options.isPublic,
      // A copy: the world is stepped in place, and a checkpoint is kept as it was.
      world: cloneWorld(this.sim.world),
      seats,
      spectators: [...this.spectators].map(([member, name]) => ({ member, name })),
      chat: [...this.recentChat],
      nextPlayerId,
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
    this.seating.restore(saved.seats, saved.nextPlayerId);
  }

  /** Tells everyone the room is gone and lets go of every member. */
  close(reason: Exclude<RoomCloseReason, 'empty'>, code: ErrorCode, message: string): void {
    if (this.closed) return;
    this.closed = true;
    this.seating.letGo();
    this.errorToAll(code, message);
    this.ctx.channel.removeAll();
    const formerMembers = this.members();
    this.seating.clear();
    this.spectators.clear();
    this.ctx.onClosed(this, reason, formerMembers);
  }

  /** The room goes on in another process: it stops here without a word, leaving no timer. */
  abandon(): void {
    this.closed = true;
    this.seating.cancelGraces();
  }

  lobbyEntry(): ServerPayload<'lobby:rooms'>['rooms'][number] {
    return lobbyEntry(this);
  }

  private stopWatching(member: MemberId): void {
    this.spectators.delete(member);
    this.closeIfEmpty();
    if (!this.closed) this.ctx.channel.toAll('room:spectators', spectatorsPayload(this));
  }

  private closeIfEmpty(): void {
    if (!this.isEmpty || this.closed) return;
    this.closed = true;
    this.ctx.onClosed(this, 'empty', []);
  }
}

/**
 * One room: who is in it (seats and spectators), its authoritative simulation, and what it
 * tells its members. Sockets join the socket.io channel `room:<code>`, so a snapshot is
 * encoded once and broadcast as one buffer to everyone in the room.
 */
import type { ServerPayload } from '@arena/shared/protocol';
import { ErrorCode } from '@arena/shared/protocol';
import type { StepFunction } from '@arena/shared/netcode';
import type { SimConfig, SimEvent } from '@arena/shared/sim';
import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics.js';
import type { ArenaServer, ArenaSocket } from '../socket/types.js';
import { RoomSimulation } from './room-simulation.js';
import { defaultColor, newSessionToken, type Seat } from './seat.js';

export interface RoomOptions {
  code: string;
  name: string;
  isPublic: boolean;
  maxPlayers: number;
  maxSpectators: number;
  simConfig: SimConfig;
  snapshotRateHz: number;
  graceMs: number;
  inputBacklogMax: number;
  chatHistorySize: number;
  seed: number;
  /** The game's fixed-step function (`sim.step`, unless a test wraps it). */
  step: StepFunction;
}

export interface RoomContext {
  io: ArenaServer;
  log: FastifyBaseLogger;
  metrics: Metrics;
  /** Called once the room closed itself (it failed) or lost its last member. */
  onClosed: (room: Room) => void;
}

type ChatMessage = ServerPayload<'chat:message'>;

/** Consecutive failing ticks after which a room gives up and closes. */
const MAX_CONSECUTIVE_FAILURES = 3;

export class Room {
  readonly code: string;
  readonly channel: string;
  readonly seats = new Map<number, Seat>();
  /** Spectators and the names they chose (for chat). */
  readonly spectators = new Map<ArenaSocket, string>();
  readonly sim: RoomSimulation;
  private readonly chatHistory: ChatMessage[] = [];
  private nextPlayerId = 1;
  private ticksSinceSnapshot = 0;
  private consecutiveFailures = 0;
  closed = false;

  constructor(
    readonly options: RoomOptions,
    private readonly ctx: RoomContext,
  ) {
    this.code = options.code;
    this.channel = `room:${options.code}`;
    this.sim = new RoomSimulation(
      options.seed,
      options.simConfig,
      options.inputBacklogMax,
      options.step,
    );
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

  seatOf(socket: ArenaSocket): Seat | undefined {
    for (const seat of this.seats.values()) if (seat.socket === socket) return seat;
    return undefined;
  }

  seatByToken(token: string): Seat | undefined {
    for (const seat of this.seats.values()) if (seat.token === token) return seat;
    return undefined;
  }

  /** Seats a new player. The caller has checked that the room is not full. */
  join(socket: ArenaSocket, name: string, color: number | undefined): Seat {
    const id = this.allocatePlayerId();
    const seat: Seat = {
      id,
      name,
      color: color ?? defaultColor(id),
      token: newSessionToken(),
      socket,
      graceTimer: null,
    };
    this.seats.set(id, seat);
    this.sim.addPlayer(id);
    socket.to(this.channel).emit('player:joined', this.playerInfo(seat));
    void socket.join(this.channel);
    socket.emit('room:joined', this.joinedPayload('player', seat, false));
    return seat;
  }

  spectate(socket: ArenaSocket, name: string, resumed = false): void {
    this.spectators.set(socket, name);
    socket.data.spectating = { code: this.code, name };
    void socket.join(this.channel);
    socket.emit('room:joined', this.joinedPayload('spectator', null, resumed));
  }

  /** Gives a held seat to a socket: a player back from a drop, or a tab taking over. */
  resume(seat: Seat, socket: ArenaSocket): void {
    if (seat.graceTimer) clearTimeout(seat.graceTimer);
    seat.graceTimer = null;
    const previous = seat.socket;
    if (previous && previous !== socket) this.evict(previous, seat);
    seat.socket = socket;
    this.sim.setConnected(seat.id, true);
    void socket.join(this.channel);
    socket.emit('room:joined', this.joinedPayload('player', seat, true));
    this.ctx.io
      .to(this.channel)
      .except(socket.id)
      .emit('player:connection', { id: seat.id, connected: true });
  }

  /** The socket went away without leaving: hold a player's seat for the grace period. */
  detach(socket: ArenaSocket): void {
    if (this.spectators.delete(socket)) return this.closeIfEmpty();
    const seat = this.seatOf(socket);
    if (!seat) return;
    seat.socket = null;
    if (this.options.graceMs <= 0) return this.removeSeat(seat);
    this.sim.setConnected(seat.id, false);
    this.ctx.io.to(this.channel).emit('player:connection', { id: seat.id, connected: false });
    seat.graceTimer = setTimeout(() => this.removeSeat(seat), this.options.graceMs);
    seat.graceTimer.unref();
  }

  /** The socket asked to leave: its seat is freed at once. */
  leave(socket: ArenaSocket): void {
    void socket.leave(this.channel);
    delete socket.data.spectating;
    if (this.spectators.delete(socket)) return this.closeIfEmpty();
    const seat = this.seatOf(socket);
    if (seat) this.removeSeat(seat);
  }

  chat(socket: ArenaSocket, text: string): void {
    const seat = this.seatOf(socket);
    const message: ChatMessage = {
      from: seat ? seat.name : (this.spectators.get(socket) ?? 'spectator'),
      fromId: seat ? seat.id : 0,
      text,
      atMs: Date.now(),
    };
    this.chatHistory.push(message);
    if (this.chatHistory.length > this.options.chatHistorySize) this.chatHistory.shift();
    this.ctx.io.to(this.channel).emit('chat:message', message);
  }

  /** Runs one tick, contained: a throwing tick leaves the world as it was before it. */
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
    const ticksPerSnapshot = Math.max(
      1,
      Math.round(this.options.simConfig.tickRateHz / this.options.snapshotRateHz),
    );
    if (this.ticksSinceSnapshot >= ticksPerSnapshot) {
      this.ticksSinceSnapshot = 0;
      this.broadcastSnapshot(serverTimeMs);
    }
  }

  /** Tells everyone the room is gone and lets go of every member. */
  close(code: ErrorCode, message: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const seat of this.seats.values()) if (seat.graceTimer) clearTimeout(seat.graceTimer);
    this.ctx.io.to(this.channel).emit('error', { code, message });
    this.ctx.metrics.countError(code);
    this.ctx.io.in(this.channel).socketsLeave(this.channel);
    this.seats.clear();
    this.spectators.clear();
    this.ctx.onClosed(this);
  }

  lobbyEntry(): ServerPayload<'lobby:rooms'>['rooms'][number] {
    const { round, config } = this.sim.world;
    return {
      code: this.code,
      name: this.options.name,
      players: this.seats.size,
      maxPlayers: this.options.maxPlayers,
      spectators: this.spectators.size,
      round: round.number,
      phase: round.phase,
      secondsLeft: Math.ceil(round.ticksLeft / config.tickRateHz),
    };
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
        ErrorCode.RoomClosed,
        'This room hit an internal error and was closed. Please join or create another.',
      );
    }
  }

  private broadcastSnapshot(serverTimeMs: number): void {
    const bytes = this.sim.encodeSnapshot(serverTimeMs);
    const recipients = this.ctx.io.sockets.adapter.rooms.get(this.channel)?.size ?? 0;
    this.ctx.io.to(this.channel).emit('state:snapshot', bytes);
    this.ctx.metrics.snapshotsSent += 1;
    this.ctx.metrics.snapshotBytesOut += bytes.byteLength * recipients;
  }

  private announce(events: readonly SimEvent[]): void {
    for (const event of events) {
      if (event.type !== 'round-ended') continue;
      const scoreboard = event.scores.map(({ id, score }) => ({
        id,
        score,
        name: this.seats.get(id)?.name ?? '?',
      }));
      // Nobody wins a round in which nobody scored.
      const top = scoreboard[0];
      const winner = top && top.score > 0 ? top : null;
      this.ctx.io.to(this.channel).emit('round:ended', { round: event.round, winner, scoreboard });
    }
  }

  private evict(socket: ArenaSocket, seat: Seat): void {
    void socket.leave(this.channel);
    socket.emit('error', {
      code: ErrorCode.SessionReplaced,
      message: `Your seat as ${seat.name} was taken over by another tab.`,
    });
    this.ctx.metrics.countError(ErrorCode.SessionReplaced);
  }

  private removeSeat(seat: Seat): void {
    if (seat.graceTimer) clearTimeout(seat.graceTimer);
    if (!this.seats.delete(seat.id)) return;
    this.sim.removePlayer(seat.id);
    this.ctx.io.to(this.channel).emit('player:left', { id: seat.id });
    this.closeIfEmpty();
  }

  private closeIfEmpty(): void {
    if (this.isEmpty && !this.closed) {
      this.closed = true;
      this.ctx.onClosed(this);
    }
  }

  private allocatePlayerId(): number {
    while (this.seats.has(this.nextPlayerId)) this.nextPlayerId = (this.nextPlayerId % 0xffff) + 1;
    const id = this.nextPlayerId;
    this.nextPlayerId = (this.nextPlayerId % 0xffff) + 1;
    return id;
  }

  private playerInfo(seat: Seat) {
    return { id: seat.id, name: seat.name, color: seat.color, connected: seat.socket !== null };
  }

  private joinedPayload(
    role: 'player' | 'spectator',
    seat: Seat | null,
    resumed: boolean,
  ): ServerPayload<'room:joined'> {
    const { simConfig } = this.options;
    return {
      roomCode: this.code,
      roomName: this.options.name,
      isPublic: this.options.isPublic,
      maxPlayers: this.options.maxPlayers,
      role,
      selfId: seat?.id ?? 0,
      sessionToken: seat?.token ?? '',
      resumed,
      players: [...this.seats.values()].map((s) => this.playerInfo(s)),
      sim: {
        tickRateHz: simConfig.tickRateHz,
        snapshotRateHz: this.options.snapshotRateHz,
        arenaWidth: simConfig.arenaWidth,
        arenaHeight: simConfig.arenaHeight,
        roundSeconds: simConfig.roundSeconds,
        intermissionSeconds: simConfig.intermissionSeconds,
      },
      chatHistory: [...this.chatHistory],
    };
  }
}

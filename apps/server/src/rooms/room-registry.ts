/**
 * All rooms of this process: creating them (with codes), finding them, quick play, the lobby
 * list, and forgetting rooms that emptied or failed.
 */
import { ErrorCode } from '@arena/shared/protocol';
import type { StepFunction } from '@arena/shared/netcode';
import { DEFAULT_SIM_CONFIG, step, type SimConfig } from '@arena/shared/sim';
import type { ServerConfig } from '../config.js';
import { Room, type RoomContext } from './room.js';
import { generateRoomCode } from './room-codes.js';
import type { Seat } from './seat.js';

export interface CreateRoomOptions {
  name?: string | undefined;
  isPublic?: boolean | undefined;
}

/** What rooms are built with, besides the configuration. */
export interface RegistryContext extends Omit<RoomContext, 'onClosed'> {
  /** Each new room's step function; the game's own `step` unless a test wraps it. */
  roomStep?: ((roomCode: string) => StepFunction) | undefined;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly simConfig: SimConfig;
  /** Listeners told whenever the lobby list may have changed. */
  private readonly lobbyListeners = new Set<() => void>();

  constructor(
    private readonly config: ServerConfig,
    private readonly ctx: RegistryContext,
  ) {
    this.simConfig = {
      ...DEFAULT_SIM_CONFIG,
      tickRateHz: config.TICK_RATE_HZ,
      roundSeconds: config.ROUND_SECONDS,
      intermissionSeconds: config.INTERMISSION_SECONDS,
    };
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

  /** Returns the new room, or an error code when the server runs its maximum of rooms. */
  create(options: CreateRoomOptions): Room | typeof ErrorCode.TooManyRooms {
    if (this.rooms.size >= this.config.MAX_ROOMS) return ErrorCode.TooManyRooms;
    const code = generateRoomCode((c) => this.rooms.has(c));
    const room = new Room(
      {
        code,
        name: options.name ?? `Room ${code}`,
        isPublic: options.isPublic ?? true,
        maxPlayers: this.config.MAX_PLAYERS_PER_ROOM,
        maxSpectators: this.config.MAX_SPECTATORS_PER_ROOM,
        simConfig: this.simConfig,
        snapshotRateHz: this.config.SNAPSHOT_RATE_HZ,
        graceMs: this.config.RECONNECT_GRACE_SECONDS * 1000,
        inputBacklogMax: this.config.INPUT_BACKLOG_MAX,
        chatHistorySize: this.config.CHAT_HISTORY_SIZE,
        seed: Math.floor(Math.random() * 0xffff_ffff),
        step: this.ctx.roomStep?.(code) ?? step,
      },
      { ...this.ctx, onClosed: (closed) => this.forget(closed) },
    );
    this.rooms.set(code, room);
    this.lobbyChanged();
    return room;
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

  findSeat(token: string): { room: Room; seat: Seat } | undefined {
    for (const room of this.rooms.values()) {
      const seat = room.seatByToken(token);
      if (seat) return { room, seat };
    }
    return undefined;
  }

  lobbyList() {
    return [...this.rooms.values()]
      .filter((room) => room.options.isPublic && !room.closed)
      .map((room) => room.lobbyEntry());
  }

  onLobbyChange(listener: () => void): () => void {
    this.lobbyListeners.add(listener);
    return () => this.lobbyListeners.delete(listener);
  }

  lobbyChanged(): void {
    for (const listener of this.lobbyListeners) listener();
  }

  tickAll(serverTimeMs: number): void {
    for (const room of this.rooms.values()) room.tick(serverTimeMs);
  }

  closeAll(code: ErrorCode, message: string): void {
    for (const room of [...this.rooms.values()]) room.close(code, message);
  }

  private forget(room: Room): void {
    this.rooms.delete(room.code);
    this.lobbyChanged();
  }
}

/**
 * The lobby of a whole cluster. Each room's owner writes the lobby entries of its public rooms
 * into one Redis hash (on every change, throttled, and every few seconds for the round timers)
 * and says so on the news channel; every process keeps a copy of the hash, read again when it
 * hears of a change, and shows that copy with its own rooms' entries (always fresh) on top.
 * Quick play reads the hash fresh.
 */
import { LobbyRoom, type ServerPayload } from '@arena/shared/protocol';
import { z } from 'zod';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { LobbyView } from '../services.js';
import type { ClusterKeys } from './keys.js';
import type { Messenger } from './messenger.js';
import type { RedisLink } from './redis-link.js';

export type LobbyEntry = ServerPayload<'lobby:rooms'>['rooms'][number];

/** An entry as stored: which process runs the room besides what the lobby shows. */
const IndexedRoom = LobbyRoom.extend({ owner: z.string() });
type IndexedRoom = z.output<typeof IndexedRoom>;

const MIN_READ_INTERVAL_MS = 250;
const MIN_WRITE_INTERVAL_MS = 250;

export class ClusterLobby implements LobbyView {
  private index = new Map<string, IndexedRoom>();
  private readonly listeners = new Set<() => void>();
  private registry: RoomRegistry | null = null;
  private lastReadMs = 0;
  private readTimer: NodeJS.Timeout | null = null;
  private lastWriteMs = 0;
  private writeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: RedisLink,
    private readonly keys: ClusterKeys,
    private readonly messenger: Messenger,
  ) {}

  attach(registry: RoomRegistry): void {
    this.registry = registry;
    registry.onLobbyChange(() => {
      this.writeSoon();
      this.notify();
    });
  }

  /** The public rooms of the whole cluster, this process's own as they are now. */
  lobbyList(): LobbyEntry[] {
    const mine = new Map((this.registry?.lobbyList() ?? []).map((e) => [e.code, e]));
    const others = [...this.index.values()]
      .filter((room) => room.owner !== this.messenger.processId && !mine.has(room.code))
      .map(({ owner: _owner, ...entry }) => entry);
    return [...mine.values(), ...others].sort((a, b) => a.code.localeCompare(b.code));
  }

  onLobbyChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the index now (quick play): entries of rooms this process does not run. */
  async fresh(): Promise<IndexedRoom[]> {
    await this.read();
    return [...this.index.values()].filter((room) => room.owner !== this.messenger.processId);
  }

  /** Another process changed the index: read it again soon (throttled). */
  readSoon(): void {
    if (this.readTimer) return;
    const waitMs = Math.max(0, this.lastReadMs + MIN_READ_INTERVAL_MS - Date.now());
    this.readTimer = setTimeout(() => {
      this.readTimer = null;
      void this.read().then(
        () => this.notify(),
        () => undefined,
      );
    }, waitMs);
    this.readTimer.unref();
  }

  /** Writes this process's public rooms' entries now (also run every few seconds). */
  async write(): Promise<void> {
    this.lastWriteMs = Date.now();
    const entries = this.registry?.lobbyList() ?? [];
    if (entries.length === 0) return;
    const owner = this.messenger.processId;
    const fields = Object.fromEntries(
      entries.map((entry) => [entry.code, JSON.stringify({ ...entry, owner })]),
    );
    await this.redis.command.hSet(this.keys.lobby, fields);
    this.messenger.announce({ kind: 'lobby' });
  }

  stop(): void {
    if (this.readTimer) clearTimeout(this.readTimer);
    if (this.writeTimer) clearTimeout(this.writeTimer);
  }

  private writeSoon(): void {
    if (this.writeTimer) return;
    const waitMs = Math.max(0, this.lastWriteMs + MIN_WRITE_INTERVAL_MS - Date.now());
    this.writeTimer = setTimeout(() => {
      this.writeTimer = null;
      this.write().catch(() => undefined);
    }, waitMs);
    this.writeTimer.unref();
  }

  private async read(): Promise<void> {
    this.lastReadMs = Date.now();
    const raw = await this.redis.command.hGetAll(this.keys.lobby);
    const index = new Map<string, IndexedRoom>();
    for (const text of Object.values(raw)) {
      const parsed = IndexedRoom.safeParse(safeJson(text));
      if (parsed.success) index.set(parsed.data.code, parsed.data);
    }
    this.index = index;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

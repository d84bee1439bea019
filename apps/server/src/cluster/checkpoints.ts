/**
 * Saving rooms to Redis and reading them back. A room's owner saves it every
 * CHECKPOINT_INTERVAL_MS, and soon after anyone enters or leaves (a new seat's token must
 * survive a takeover); a save is written only while the lease is still this process's and no
 * later owner has written (lease-scripts.ts), so a process that lost a room cannot overwrite
 * the state its new owner runs on.
 */
import { parseCheckpoint, type RoomCheckpoint } from '../rooms/room-checkpoint.js';
import type { Room } from '../rooms/room.js';
import type { ClusterMetrics } from './cluster-metrics.js';
import type { ClusterKeys } from './keys.js';
import type { LeaseKeeper } from './leases.js';
import { saveCheckpoint } from './lease-scripts.js';
import type { RedisLink } from './redis-link.js';

export type SaveResult = 'saved' | 'fenced' | 'not-owner';

export class Checkpoints {
  constructor(
    private readonly redis: RedisLink,
    private readonly keys: ClusterKeys,
    private readonly leases: LeaseKeeper,
    private readonly metrics: ClusterMetrics,
  ) {}

  async save(room: Room): Promise<SaveResult> {
    const lease = this.leases.get(room.code);
    if (!lease) return 'not-owner';
    const started = performance.now();
    const data = JSON.stringify(room.save());
    const written = await saveCheckpoint.run(
      this.redis.command,
      [this.keys.lease(room.code), this.keys.checkpoint(room.code)],
      [lease.value, String(lease.epoch), data],
    );
    this.metrics.checkpointDuration.observe((performance.now() - started) / 1000);
    this.metrics.checkpointSize.observe(Buffer.byteLength(data));
    if (written === 1) return 'saved';
    this.metrics.checkpointsFenced += 1;
    return 'fenced';
  }

  /** The room's last checkpoint; undefined if it has none. Throws if it cannot be used. */
  async load(code: string): Promise<RoomCheckpoint | undefined> {
    const data = await this.redis.command.hGet(this.keys.checkpoint(code), 'data');
    return data ? parseCheckpoint(data) : undefined;
  }

  async exists(code: string): Promise<boolean> {
    return (await this.redis.command.exists(this.keys.checkpoint(code))) === 1;
  }
}

/**
 * When to save each room: on a fixed interval, and a moment after its members changed. One
 * save per room at a time; a room whose lease lapsed is skipped (it cannot be written anyway).
 */
export class CheckpointSchedule {
  private readonly inFlight = new Set<string>();
  private readonly soon = new Map<string, NodeJS.Timeout>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly checkpoints: Checkpoints,
    private readonly rooms: () => Iterable<Room>,
    private readonly mayWrite: (room: Room) => boolean,
    private readonly onFenced: (room: Room) => void,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      for (const room of this.rooms()) void this.save(room);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const timer of this.soon.values()) clearTimeout(timer);
    this.soon.clear();
  }

  /** Saves the room shortly (joins come in bursts: one save for the burst). */
  saveSoon(room: Room, delayMs = 20): void {
    if (this.soon.has(room.code)) return;
    const timer = setTimeout(() => {
      this.soon.delete(room.code);
      void this.save(room);
    }, delayMs);
    timer.unref();
    this.soon.set(room.code, timer);
  }

  /** Saves now (a handover's last save), waiting for one already on its way. */
  async saveNow(room: Room): Promise<SaveResult | 'failed'> {
    while (this.inFlight.has(room.code)) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.save(room, true);
  }

  private async save(room: Room, evenIfClosed = false): Promise<SaveResult | 'failed'> {
    if ((room.closed && !evenIfClosed) || this.inFlight.has(room.code) || !this.mayWrite(room))
      return 'failed';
    this.inFlight.add(room.code);
    try {
      const result = await this.checkpoints.save(room);
      if (result === 'fenced') this.onFenced(room);
      return result;
    } catch {
      return 'failed';
    } finally {
      this.inFlight.delete(room.code);
    }
  }
}

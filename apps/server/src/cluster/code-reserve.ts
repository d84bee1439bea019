/**
 * Room codes this process holds leases on before it needs them, so making a room stays as
 * quick as it is without a cluster: `take()` hands one out at once and a refill runs in the
 * background. A code is unique across the cluster because its lease is: nobody else can take
 * a code that is leased. None is handed out while Redis is unreachable (the room could not be
 * saved, and nobody could reach it from another process).
 */
import { generateRoomCode } from '../rooms/room-codes.js';
import type { LeaseKeeper } from './leases.js';
import type { RedisLink } from './redis-link.js';

/** Rooms made in one burst faster than one Redis round trip; past it, makers wait a refill. */
const RESERVE_SIZE = 8;

export class CodeReserve {
  private readonly codes: string[] = [];
  private filling: Promise<void> | null = null;

  constructor(
    private readonly leases: LeaseKeeper,
    private readonly redis: RedisLink,
    /** Codes this process already uses. */
    private readonly inUse: (code: string) => boolean,
  ) {}

  /** Whether `take()` would give a code now. */
  get ready(): boolean {
    return this.redis.up && this.codes.some((code) => this.leases.valid(code));
  }

  has(code: string): boolean {
    return this.codes.includes(code);
  }

  take(): string | undefined {
    if (!this.redis.up) return undefined;
    let code: string | undefined;
    while ((code = this.codes.shift()) !== undefined && !this.leases.valid(code));
    void this.fill();
    return code;
  }

  /** A reserved code's lease was lost (Redis restarted empty and someone took it). */
  discard(code: string): void {
    const at = this.codes.indexOf(code);
    if (at >= 0) this.codes.splice(at, 1);
  }

  /** Tops the reserve up; resolves when it is full, or when Redis refused. */
  fill(): Promise<void> {
    this.filling ??= this.topUp().finally(() => (this.filling = null));
    return this.filling;
  }

  /** Lets every reserved code go (this process is stopping). */
  async clear(): Promise<void> {
    const codes = this.codes.splice(0);
    await Promise.all(codes.map((code) => this.leases.forget(code).catch(() => undefined)));
  }

  private async topUp(): Promise<void> {
    while (this.redis.up && this.codes.length < RESERVE_SIZE) {
      const code = generateRoomCode((c) => this.inUse(c) || this.codes.includes(c));
      const lease = await this.leases.acquire(code).catch(() => undefined);
      if (lease) this.codes.push(code);
      else if (!this.redis.up) return;
    }
  }
}

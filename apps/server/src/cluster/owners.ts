/**
 * Which process runs a room, as seen from this one: here, another process (read from the
 * room's lease and remembered until it proves wrong), or nobody. A room whose lease has no
 * holder but whose checkpoint is there (its owner died and nobody has taken it over yet) is
 * taken over here on the spot, so a code or a seat token works from any process even then.
 */
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { Checkpoints } from './checkpoints.js';
import type { ClusterKeys } from './keys.js';
import type { RedisLink } from './redis-link.js';
import type { Takeovers } from './takeovers.js';

export type Whereabouts = 'here' | 'none' | 'unavailable' | { owner: string };

/** Rooms whose owner is remembered at most; past it the memory starts afresh. */
const MAX_REMEMBERED = 10_000;

export class Owners {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly processId: string,
    private readonly redis: RedisLink,
    private readonly keys: ClusterKeys,
    private readonly rooms: RoomRegistry,
    private readonly checkpoints: Checkpoints,
    private readonly takeovers: Takeovers,
  ) {}

  /** The owner this process last knew of, if any (no Redis round trip). */
  cached(code: string): string | undefined {
    return this.known.get(code);
  }

  learn(code: string, owner: string): void {
    if (owner === this.processId) return void this.known.delete(code);
    if (this.known.size >= MAX_REMEMBERED) this.known.clear();
    this.known.set(code, owner);
  }

  /** What was known of the room's owner proved wrong (it is gone, or let the room go). */
  forget(code: string): void {
    this.known.delete(code);
  }

  async locate(code: string): Promise<Whereabouts> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.rooms.get(code)) return 'here';
      const known = this.known.get(code);
      if (known) return { owner: known };
      try {
        const lease = await this.redis.command.get(this.keys.lease(code));
        const owner = lease?.split(' ')[0];
        if (owner && owner !== this.processId) {
          this.learn(code, owner);
          return { owner };
        }
        // Leased here but not running: a code in reserve, or a takeover under way.
        if (owner) return (await this.takeovers.settled(code)) ? 'here' : 'none';
        if (!(await this.checkpoints.exists(code))) return 'none';
        if (await this.takeovers.adopt(code, 'orphaned')) return 'here';
        // Another process took it over first: look again.
      } catch {
        return 'unavailable';
      }
    }
    return 'unavailable';
  }
}

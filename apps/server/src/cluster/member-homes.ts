/**
 * The owner's side: which process each member of its rooms connected to another process is
 * on. A member's own process tells the owner when its connection drops; if that whole process
 * dies, nobody does. So every few seconds the owner asks Redis whether each such process still
 * listens to its inbox (PUBSUB NUMSUB, one call for all), and drops the members of one that
 * has not for two sweeps in a row: their seats are held for them to come back by token.
 *
 * A process only cut off from Redis for a while comes back with its members still connected:
 * the first event such a member sends gives it its seat back (`comeBack`).
 */
import type { MemberId } from '../rooms/room-channel.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { ClusterKeys } from './keys.js';
import type { RedisLink } from './redis-link.js';

export class MemberHomes {
  private readonly homes = new Map<MemberId, string>();
  /** Processes that did not answer the last sweep. */
  private readonly silent = new Set<string>();
  /** Members dropped because their process seemed gone: the token of the seat they had. */
  private readonly dropped = new Map<MemberId, { token: string; atMs: number }>();

  constructor(
    private readonly redis: RedisLink,
    private readonly keys: ClusterKeys,
    private readonly rooms: RoomRegistry,
    private readonly graceMs: number,
  ) {}

  /** The member, entering a room here, is connected to process `home`. */
  note(member: MemberId, home: string): void {
    this.homes.set(member, home);
    this.dropped.delete(member);
  }

  /** A member dropped by a sweep speaks again: its seat back, if still held. */
  comeBack(member: MemberId): boolean {
    const dropped = this.dropped.get(member);
    if (!dropped) return false;
    this.dropped.delete(member);
    return this.rooms.resumePlayer(member, dropped.token) !== undefined;
  }

  /** Drops the members of processes that are gone; forgets members no longer here. */
  async sweep(): Promise<void> {
    const now = Date.now();
    for (const member of this.homes.keys())
      if (!this.rooms.roomOf(member)) this.homes.delete(member);
    for (const [member, { atMs }] of this.dropped)
      if (now - atMs > this.graceMs) this.dropped.delete(member);
    const processes = [...new Set(this.homes.values())];
    if (processes.length === 0 || !this.redis.up) return;
    const listening = await this.redis.command.pubSubNumSub(
      processes.map((id) => this.keys.inbox(id)),
    );
    const gone = new Set<string>();
    for (const id of processes) {
      const heard = (listening[this.keys.inbox(id)] ?? 0) > 0;
      if (heard) this.silent.delete(id);
      else if (this.silent.has(id)) gone.add(id);
      else this.silent.add(id);
    }
    for (const [member, home] of [...this.homes]) {
      if (gone.has(home)) this.drop(member, now);
    }
  }

  private drop(member: MemberId, atMs: number): void {
    this.homes.delete(member);
    const token = this.rooms.roomOf(member)?.seatOf(member)?.token;
    if (token) this.dropped.set(member, { token, atMs });
    this.rooms.detach(member);
  }
}

/**
 * Rooms whose owner is gone, taken over by this process: found by polling the lease deadlines
 * (a lease not renewed for ROOM_LEASE_MS has run out), or asked for by a member who wants in
 * now. Taking over is: acquire the lease (atomic, so one process wins), read the checkpoint,
 * restore the room with every seat held, tell the cluster, and ask the processes where its
 * members are still connected to send them back in (see `reattach`). Members whose process
 * died come back by themselves, by token, to any process.
 */
import type { MemberId } from '../rooms/room-channel.js';
import type { RoomCheckpoint } from '../rooms/room-checkpoint.js';
import type { GameServices } from '../services.js';
import { channelOf } from '../socket/socket-room-channel.js';
import type { Checkpoints } from './checkpoints.js';
import type { ClusterMetrics, TakeoverCause } from './cluster-metrics.js';
import type { ClusterKeys } from './keys.js';
import type { LeaseKeeper } from './leases.js';
import { expiredLeases } from './lease-scripts.js';
import type { Messenger } from './messenger.js';
import type { RedisLink } from './redis-link.js';

/** Expired leases looked at per poll. */
const POLL_LIMIT = 100;

export interface TakeoverDeps {
  services: GameServices;
  redis: RedisLink;
  keys: ClusterKeys;
  leases: LeaseKeeper;
  checkpoints: Checkpoints;
  messenger: Messenger;
  metrics: ClusterMetrics;
  /** Codes this process leases for rooms it has not made yet: not orphans. */
  reserved: (code: string) => boolean;
}

export class Takeovers {
  private readonly adopting = new Map<string, Promise<boolean>>();
  /** The checkpoint each restored room started from: who may come back to which place. */
  private readonly restoredFrom = new Map<string, RoomCheckpoint>();
  /** No polling until then (ms, Date.now): owners first renew what they hold after an outage. */
  private quietUntilMs = 0;

  constructor(private readonly deps: TakeoverDeps) {}

  /** Takes the room over if nobody holds it; resolves true once it runs here. */
  adopt(code: string, cause: TakeoverCause): Promise<boolean> {
    let adopting = this.adopting.get(code);
    if (!adopting) {
      adopting = this.tryAdopt(code, cause).finally(() => this.adopting.delete(code));
      this.adopting.set(code, adopting);
    }
    return adopting;
  }

  /** Waits for a takeover of this room under way here, if any; true if the room runs here. */
  async settled(code: string): Promise<boolean> {
    await this.adopting.get(code);
    return this.deps.services.rooms.get(code) !== undefined;
  }

  /** Gives owners a moment to renew their leases before anyone takes them over. */
  holdOff(ms: number): void {
    this.quietUntilMs = Date.now() + ms;
  }

  /** Takes over the rooms whose lease ran out, as many as this process may still run. */
  async poll(): Promise<void> {
    const { services, redis, keys } = this.deps;
    if (!redis.up || services.shuttingDown || Date.now() < this.quietUntilMs) return;
    const found = (await expiredLeases.run(
      redis.command,
      [keys.deadlines],
      [String(POLL_LIMIT)],
    )) as string[];
    const due: [string, TakeoverCause][] = [];
    for (let i = 0; i < found.length; i += 2) {
      const code = found[i]!;
      if (!services.rooms.get(code) && !this.deps.reserved(code))
        due.push([code, Number(found[i + 1]) === 0 ? 'released' : 'expired']);
    }
    // In another order on every process, so the rooms of a dead one spread over the others.
    due.sort(() => Math.random() - 0.5);
    for (const [code, cause] of due) {
      if (services.rooms.size >= services.config.MAX_ROOMS) return;
      await this.adopt(code, cause);
    }
  }

  /**
   * The owner's side: a member still connected (to any process) asks for the place it had
   * when the room was saved. It is given back only if that place is still free for it.
   */
  reattach(member: MemberId, code: string): void {
    const saved = this.restoredFrom.get(code);
    const { rooms } = this.deps.services;
    const room = rooms.get(code);
    if (!saved || !room || rooms.roomOf(member)) return;
    const seat = saved.seats.find((s) => s.member === member);
    if (seat) {
      if (room.seats.get(seat.id)?.member === null) rooms.resumePlayer(member, seat.token);
      return;
    }
    const watcher = saved.spectators.find((s) => s.member === member);
    if (watcher) rooms.resumeSpectator(member, { code, name: watcher.name });
  }

  /** A room was restored (here or elsewhere): this process's sockets in it ask to come back. */
  sendBack(code: string, owner: string): void {
    const { services, messenger } = this.deps;
    if (services.shuttingDown) return;
    const members = services.io.sockets.adapter.rooms.get(channelOf(code));
    for (const member of members ? [...members] : []) {
      if (owner === messenger.processId) this.reattach(member, code);
      else
        void messenger.send(owner, { kind: 'reattach', member, code, from: messenger.processId });
    }
  }

  /** The room ended or left this process: its starting point is of no more use. */
  forget(code: string): void {
    this.restoredFrom.delete(code);
  }

  private async tryAdopt(code: string, cause: TakeoverCause): Promise<boolean> {
    const { services, leases, checkpoints, messenger, metrics } = this.deps;
    if (services.rooms.get(code)) return true;
    if (services.shuttingDown || services.rooms.size >= services.config.MAX_ROOMS) return false;
    if (!(await leases.acquire(code))) return false;
    let saved: RoomCheckpoint | undefined;
    try {
      saved = await checkpoints.load(code);
    } catch (error) {
      // A checkpoint this version cannot read (a rolling upgrade): leave it to one that can.
      services.log.error({ err: error, room: code }, 'cluster: cannot restore room');
      await leases.release(code);
      return false;
    }
    if (!saved) {
      await leases.forget(code);
      return false;
    }
    const room = services.rooms.restore(saved);
    if (typeof room === 'string') {
      await leases.release(code);
      return false;
    }
    this.restoredFrom.set(code, saved);
    metrics.countTakeover(cause);
    services.log.info({ room: code, cause, tick: saved.world.tick }, 'cluster: room taken over');
    messenger.announce({ kind: 'restored', code, owner: messenger.processId });
    this.sendBack(code, messenger.processId);
    return true;
  }
}

/**
 * This process as one of a cluster (REDIS_URL): loaded only then, so a lone server runs no
 * Redis code. `startCluster` connects to Redis and gives `buildApp` what the socket.io server
 * and the room registry need (the adapter, the snapshot relay, the registry's hooks, the
 * cluster's lobby); `attach` then brings the parts to life with the app's services:
 *
 * - leases.ts: one owner per room, renewed every quarter lease; a room ticks only while its
 *   lease holds (a paused room tells its members why);
 * - checkpoints.ts: rooms saved every CHECKPOINT_INTERVAL_MS and after membership changes;
 * - takeovers.ts: rooms whose lease ran out restored here; member-homes.ts: members of dead
 *   processes dropped; owner-desk.ts: other processes' members served;
 * - member-router.ts, member-sessions.ts: this process's members reach their rooms anywhere;
 * - cluster-lobby.ts, snapshot-relay.ts, streams-adapter.ts: what members see, cluster-wide.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@arena/shared/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerOptions } from 'socket.io';
import type { ServerConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { RegistryContext } from '../rooms/room-registry.js';
import type { Room } from '../rooms/room.js';
import type { ClusterSeam, GameServices } from '../services.js';
import type { AdmittedEvent } from '../socket/guard.js';
import type { HandlerContext } from '../socket/handler-context.js';
import { channelOf } from '../socket/socket-room-channel.js';
import type { ArenaSocket } from '../socket/types.js';
import { monotonicNow } from '../timers.js';
import { CheckpointSchedule, Checkpoints } from './checkpoints.js';
import { ClusterLobby } from './cluster-lobby.js';
import { ClusterMetrics } from './cluster-metrics.js';
import { CodeReserve } from './code-reserve.js';
import { ClusterKeys } from './keys.js';
import { LeaseKeeper } from './leases.js';
import { MemberGates } from './member-gate.js';
import { MemberHomes } from './member-homes.js';
import { MemberPlaces } from './member-places.js';
import { MemberRouter } from './member-router.js';
import { MemberSessions } from './member-sessions.js';
import type { NewsMessage } from './messages.js';
import { Messenger } from './messenger.js';
import { OwnerCalls } from './owner-calls.js';
import { OwnerDesk } from './owner-desk.js';
import { Owners } from './owners.js';
import { RedisLink } from './redis-link.js';
import { SnapshotRelay } from './snapshot-relay.js';
import { streamsAdapter, type StreamsAdapter } from './streams-adapter.js';
import { Takeovers } from './takeovers.js';

/** How often each process asks whether the processes of its rooms' members still run. */
const SWEEP_MS = 3000;
/** How often lobby entries are written again (round timers move on by themselves). */
const LOBBY_REFRESH_MS = 3000;

const PAUSED_MESSAGE =
  'The game is paused: its server lost contact with the rest of the cluster. It goes on as soon as contact is back.';

/** The parts that need the app's services, made by `attach`. */
interface Attached {
  services: GameServices;
  router: MemberRouter;
  sessions: MemberSessions;
  takeovers: Takeovers;
  desk: OwnerDesk;
  owners: Owners;
  homes: MemberHomes;
  schedule: CheckpointSchedule;
  codes: CodeReserve;
}

export async function startCluster(
  config: ServerConfig,
  log: FastifyBaseLogger,
  metrics: Metrics,
): Promise<ClusterNode> {
  return Promise.resolve(new ClusterNode(config, log, metrics));
}

export class ClusterNode implements ClusterSeam {
  readonly processId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  readonly keys: ClusterKeys;
  readonly redis: RedisLink;
  readonly metrics: ClusterMetrics;
  readonly messenger: Messenger;
  readonly lobby: ClusterLobby;
  readonly snapshotRelay: SnapshotRelay;
  readonly leases: LeaseKeeper;
  private readonly streams: StreamsAdapter;
  private readonly paused = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private parts: Attached | null = null;
  private handingOver: Promise<void> | null = null;

  constructor(
    private readonly config: ServerConfig,
    private readonly log: FastifyBaseLogger,
    appMetrics: Metrics,
  ) {
    this.keys = new ClusterKeys(config.REDIS_KEY_PREFIX);
    this.redis = new RedisLink(config.REDIS_URL, log);
    this.metrics = new ClusterMetrics(appMetrics.registry, () => this.leases.size);
    this.messenger = new Messenger(this.redis, this.keys, this.processId, log);
    this.lobby = new ClusterLobby(this.redis, this.keys, this.messenger);
    this.snapshotRelay = new SnapshotRelay(this.redis, this.keys, this.metrics);
    this.leases = new LeaseKeeper({
      redis: this.redis,
      keys: this.keys,
      processId: this.processId,
      ttlMs: config.ROOM_LEASE_MS,
      now: monotonicNow,
      onLost: (code) => this.lost(code),
    });
    this.streams = streamsAdapter(this.redis, this.keys);
    this.redis.onUp(() => this.reconnected());
    this.redis.onDown(() => (this.metrics.redisUp = false));
    this.redis.connect();
  }

  get adapter(): NonNullable<ServerOptions['adapter']> {
    return this.streams.factory;
  }

  get reachable(): boolean {
    return this.redis.up;
  }

  /** What the room registry is built with: codes, word of rooms' lives, the tick gate. */
  get registryHooks(): Pick<RegistryContext, 'takeCode' | 'observer' | 'mayTick'> {
    return {
      takeCode: () => this.parts?.codes.take(),
      mayTick: (room) => this.mayTick(room),
      observer: {
        opened: (room) => this.parts?.schedule.saveSoon(room, 0),
        membersChanged: (room) => this.parts?.schedule.saveSoon(room),
        closed: (room) => this.ended(room),
      },
    };
  }

  attach(services: GameServices): void {
    const { redis, keys, leases, messenger, metrics } = this;
    const { rooms, io } = services;
    const checkpoints = new Checkpoints(redis, keys, leases, metrics);
    const codes = new CodeReserve(leases, redis, (code) => rooms.get(code) !== undefined);
    const takeovers = new Takeovers({
      services,
      redis,
      keys,
      leases,
      checkpoints,
      messenger,
      metrics,
      reserved: (code) => codes.has(code),
    });
    const owners = new Owners(this.processId, redis, keys, rooms, checkpoints, takeovers);
    const calls = new OwnerCalls(owners, messenger, metrics, this.config.ROOM_LEASE_MS);
    const gates = new MemberGates(
      () => (services.metrics.inputsDropped += 1),
      (error) => this.log.error({ err: error }, 'cluster: member event failed'),
    );
    const places = new MemberPlaces();
    const graceMs = this.config.RECONNECT_GRACE_SECONDS * 1000;
    const homes = new MemberHomes(redis, keys, rooms, graceMs);
    const schedule = new CheckpointSchedule(
      checkpoints,
      () => rooms.all(),
      (room) => leases.valid(room.code),
      (room) => this.lost(room.code),
    );
    this.parts = {
      services,
      codes,
      takeovers,
      owners,
      homes,
      schedule,
      desk: new OwnerDesk(services, messenger, metrics, homes, takeovers),
      router: new MemberRouter({
        services,
        calls,
        gates,
        places,
        lobby: this.lobby,
        codes,
        metrics,
      }),
      sessions: new MemberSessions(services, calls, gates, places),
    };
    this.lobby.attach(rooms);
    this.snapshotRelay.attach(io, rooms, services.snapshots);
    schedule.start(this.config.CHECKPOINT_INTERVAL_MS);
    this.every(this.config.ROOM_LEASE_MS / 4, () => this.leases.renew());
    this.every(this.config.ROOM_LEASE_MS / 4, () => takeovers.poll());
    this.every(SWEEP_MS, () => homes.sweep());
    this.every(LOBBY_REFRESH_MS, () => this.lobby.write());
    if (redis.up) this.reconnected();
  }

  route(ctx: HandlerContext, admitted: AdmittedEvent, handleHere: () => void): void {
    if (this.parts) this.parts.router.route(ctx, admitted, handleHere);
    else handleHere();
  }

  attachMember(socket: ArenaSocket): void {
    this.parts?.sessions.attach(socket);
  }

  /**
   * Leaves every room of this process to the others: each is saved a last time, released
   * (due for takeover at once, and the others told so), and this process's own members are
   * disconnected so that they come back through any other process.
   */
  handOver(): Promise<void> {
    this.handingOver ??= this.leaveRooms();
    return this.handingOver;
  }

  async close(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.parts?.schedule.stop();
    this.lobby.stop();
    await this.parts?.services.io.of('/').adapter.close();
    await this.streams.close();
    await this.redis.close();
  }

  private async leaveRooms(): Promise<void> {
    const parts = this.parts;
    if (!parts) return;
    const { services, schedule, codes } = parts;
    const rooms = [...services.rooms.all()];
    await Promise.all(rooms.map((room) => schedule.saveNow(room)));
    for (const room of rooms) services.rooms.release(room);
    await Promise.all(rooms.map((room) => this.leases.release(room.code).catch(() => undefined)));
    await codes.clear();
    this.messenger.announce({ kind: 'released', codes: rooms.map((room) => room.code) });
    this.log.info({ rooms: rooms.length }, 'cluster: rooms handed over');
    // Closing the transport (not a socket.io disconnect) makes clients reconnect by themselves.
    for (const socket of services.io.sockets.sockets.values()) socket.conn.close();
  }

  private mayTick(room: Room): boolean {
    if (this.handingOver) return false;
    const holds = this.leases.valid(room.code);
    if (holds) this.paused.delete(room.code);
    else if (!this.paused.has(room.code)) {
      this.paused.add(room.code);
      // Its own members only: elsewhere a newer owner may already run the room.
      this.parts?.services.io.local.to(channelOf(room.code)).emit('server:notice', {
        code: ErrorCode.ClusterUnavailable,
        message: PAUSED_MESSAGE,
      });
    }
    return holds;
  }

  /** Another process holds the room's lease now: this copy goes quiet; its members move on. */
  private lost(code: string): void {
    const parts = this.parts;
    this.leases.drop(code);
    const room = parts?.services.rooms.get(code);
    if (!room) return parts?.codes.discard(code);
    this.metrics.leasesLost += 1;
    this.log.warn({ room: code }, 'cluster: lease lost to another process; room left to it');
    parts!.services.rooms.release(room);
    parts!.takeovers.forget(code);
  }

  /** A room closed for good (emptied or failed): every trace of it goes from Redis. */
  private ended(room: Room): void {
    this.paused.delete(room.code);
    this.parts?.takeovers.forget(room.code);
    this.leases.forget(room.code).catch(() => undefined);
  }

  /** Redis is reachable (again): listen, renew, rewrite what Redis may have lost. */
  private reconnected(): void {
    const parts = this.parts;
    this.metrics.redisUp = true;
    if (!parts) return;
    parts.takeovers.holdOff(this.config.ROOM_LEASE_MS);
    this.messenger
      .listen({ inbox: (m) => parts.desk.handle(m), news: (m) => this.news(m) })
      .catch(() => undefined);
    this.snapshotRelay.reconcile();
    // Leases first (a Redis that restarted empty has none): then the rooms can be saved.
    void this.leases
      .renew()
      .catch(() => undefined)
      .then(() => {
        for (const room of parts.services.rooms.all()) parts.schedule.saveSoon(room, 0);
        return this.lobby.write();
      })
      .catch(() => undefined);
    this.lobby.readSoon();
    void parts.codes.fill();
  }

  private news(message: NewsMessage): void {
    const parts = this.parts;
    if (!parts) return;
    switch (message.kind) {
      case 'restored':
        if (message.owner === this.processId) return;
        parts.owners.learn(message.code, message.owner);
        // Still running it here means this process was cut off and did not know yet.
        if (parts.services.rooms.get(message.code)) this.lost(message.code);
        return parts.takeovers.sendBack(message.code, message.owner);
      case 'released':
        for (const code of message.codes) parts.owners.forget(code);
        return void parts.takeovers.poll().catch(() => undefined);
      case 'lobby':
        return this.lobby.readSoon();
    }
  }

  /** Runs `task` every `ms`; a failure (Redis unreachable) waits for the next round. */
  private every(ms: number, task: () => Promise<void>): void {
    const timer = setInterval(() => {
      if (this.redis.up) task().catch(() => undefined);
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}

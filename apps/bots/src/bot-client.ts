/**
 * One headless player: a socket.io-client connection that plays the way the browser client
 * does (protocol version in the handshake, the shared `NetClient` predicting and sending one
 * input per tick with the browser's seq rules, pinging for clock sync) and keeps its own
 * statistics, input-to-acknowledgement latency included. Scenarios (run-bot, the soak) drive it.
 */
import { NetClient, netRoomOf } from '@arena/shared/netcode/client';
import { PROTOCOL_VERSION, type ServerEventName, type ServerPayload } from '@arena/shared/protocol';
import { io } from 'socket.io-client';
import { countInto, emptyStats, sampleLatency, type BotStats } from './bot-stats.js';
import { randomWalk } from './random-walk.js';
import { socketNetPort, type GameSocket } from './socket-net-port.js';

export type RoomJoined = ServerPayload<'room:joined'>;

export interface BotClientOptions {
  name: string;
  seed: number;
  /** A held seat's token: the server gives the seat back at the handshake. */
  sessionToken?: string;
  transports?: ('websocket' | 'polling')[];
  /** How long a join or a reply may take before the bot gives up. */
  timeoutMs?: number;
}

/** Seqs kept for measuring input-to-acknowledgement latency. */
const PENDING_SEQS = 256;

export class BotClient {
  readonly socket: GameSocket;
  readonly stats: BotStats;
  readonly net: NetClient;
  joined: RoomJoined | null = null;
  private frameTimer: NodeJS.Timeout | null = null;
  private readonly sentAt = new Map<number, number>();
  private lastAcked = 0;
  private leaving = false;

  constructor(
    url: string,
    readonly options: BotClientOptions,
    stats: BotStats = emptyStats(),
  ) {
    this.stats = stats;
    this.socket = io(url, {
      transports: options.transports ?? ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: {
        protocolVersion: PROTOCOL_VERSION,
        ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
      },
    });
    this.net = new NetClient({ port: socketNetPort(this.socket), now: () => performance.now() });
    this.net.onSnapshot(() => this.measureAck());
    this.socket.on('connect', () => (this.stats.connects += 1));
    this.socket.on('room:joined', (joined) => {
      this.joined = joined;
      this.stats.joins += 1;
      this.net.enterRoom(netRoomOf(joined));
    });
    this.socket.on('room:left', () => this.leftRoom());
    this.socket.on('error', (e) => {
      countInto(this.stats.errors, e.code);
      // A room closed under us (it failed, or the server stops): we are back in the lobby.
      if (e.code === 'ROOM_CLOSED' || e.code === 'SERVER_SHUTTING_DOWN') this.leftRoom();
    });
    this.socket.on('state:snapshot', (frame) => {
      this.stats.snapshots += 1;
      this.stats.snapshotBytes += frame.byteLength;
    });
    this.socket.on('disconnect', (reason) => {
      this.stopPlaying();
      if (!this.leaving) countInto(this.stats.drops, reason);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Resolves once connected; rejects with the server's refusal. */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (error) => reject(error));
    });
  }

  /** Waits for one server event, or rejects after the bot's timeout (or if disconnected). */
  next<E extends ServerEventName>(
    event: E,
    predicate: (payload: ServerPayload<E>) => boolean = () => true,
  ): Promise<ServerPayload<E>> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.socket.off(event, listener as never);
        this.socket.off('disconnect', onDisconnect);
      };
      const listener = (payload: ServerPayload<E>) => {
        if (!predicate(payload)) return;
        cleanup();
        resolve(payload);
      };
      const onDisconnect = (reason: string) => {
        cleanup();
        reject(new Error(`disconnected (${reason}) while waiting for ${event}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${event}`));
      }, timeoutMs);
      this.socket.on(event, listener as never);
      this.socket.on('disconnect', onDisconnect);
    });
  }

  /** Asks for a seat (or a place to watch) and resolves with the join, or the error's code. */
  async join(
    how:
      | { quickPlay: true }
      | { create: { isPublic: boolean } }
      | { code: string; spectate?: boolean },
  ): Promise<RoomJoined | string> {
    const joined = this.next('room:joined');
    const failed = this.next('error').then((e) => e.code);
    const { name } = this.options;
    if ('quickPlay' in how) this.socket.emit('room:quickplay', { name });
    else if ('create' in how)
      this.socket.emit('room:create', { name, isPublic: how.create.isPublic });
    else this.socket.emit('room:join', { code: how.code, name, spectate: how.spectate ?? false });
    const result = await Promise.race([joined, failed]);
    // The loser of the race times out later by itself; swallow it.
    joined.catch(() => undefined);
    failed.catch(() => undefined);
    return result;
  }

  /**
   * Plays until stopped: a seeded random walk at the keys, one frame per tick (a bot draws
   * nothing, so more frames would only cost CPU); the netcode sends each tick's input.
   */
  startPlaying(): void {
    if (this.frameTimer || !this.joined || this.joined.role !== 'player') return;
    const press = randomWalk(this.options.seed);
    const tickMs = 1000 / this.joined.sim.tickRateHz;
    this.frameTimer = setInterval(() => this.playFrame(press()), tickMs);
  }

  stopPlaying(): void {
    if (this.frameTimer) clearInterval(this.frameTimer);
    this.frameTimer = null;
  }

  chat(text: string): void {
    this.socket.emit('chat:send', { text });
    this.stats.chatsSent += 1;
  }

  async leave(): Promise<void> {
    this.stopPlaying();
    if (!this.joined) return;
    const left = this.next('room:left');
    this.socket.emit('room:leave', {});
    await left;
  }

  /** Closes the connection on purpose (not counted as a drop). */
  disconnect(): void {
    this.leaving = true;
    this.stopPlaying();
    this.socket.disconnect();
  }

  private leftRoom(): void {
    this.joined = null;
    this.net.leaveRoom();
  }

  private playFrame(buttons: number): void {
    if (!this.socket.connected) return this.stopPlaying();
    const nowMs = performance.now();
    for (const { seq } of this.net.frame(buttons)?.inputs ?? []) {
      this.stats.inputsSent += 1;
      this.sentAt.set(seq, nowMs);
    }
    // Oldest first: a Map keeps insertion order.
    for (const seq of this.sentAt.keys()) {
      if (this.sentAt.size <= PENDING_SEQS) break;
      this.sentAt.delete(seq);
    }
  }

  /** After each snapshot: how long the newest input it acknowledges took. */
  private measureAck(): void {
    const acked = this.net.lastAckedSeq;
    if (acked <= this.lastAcked) return;
    const sentAt = this.sentAt.get(acked);
    if (sentAt !== undefined) sampleLatency(this.stats, performance.now() - sentAt);
    this.lastAcked = acked;
  }
}

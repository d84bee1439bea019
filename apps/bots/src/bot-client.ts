/**
 * One headless player: a socket.io-client connection that plays the way the browser client
 * does (protocol version in the handshake, the shared `NetClient` predicting and sending one
 * input per tick with the browser's seq rules, pinging for clock sync) and keeps its own
 * statistics, input-to-acknowledgement latency included. Scenarios (run-bot, the soak) drive it.
 */
import { NetClient, netRoomOf } from '@arena/shared/netcode/client';
import {
  PROTOCOL_VERSION,
  wireParser,
  type ServerEventName,
  type ServerPayload,
} from '@arena/shared/protocol';
import { io } from 'socket.io-client';
import { BotLoop } from './bot-loop.js';
import { countInto, emptyStats, type BotStats } from './bot-stats.js';
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

export class BotClient {
  readonly socket: GameSocket;
  readonly stats: BotStats;
  readonly net: NetClient;
  joined: RoomJoined | null = null;
  private readonly loop: BotLoop;
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
      parser: wireParser,
      auth: {
        protocolVersion: PROTOCOL_VERSION,
        ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
      },
    });
    this.net = new NetClient({ port: socketNetPort(this.socket), now: () => performance.now() });
    this.loop = new BotLoop(this.net, stats, options.seed, () => this.socket.connected);
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

  /** Plays until stopped (see `BotLoop`): one netcode frame, so one input, per tick. */
  startPlaying(): void {
    if (!this.joined || this.joined.role !== 'player') return;
    this.loop.start(this.joined.sim.tickRateHz);
  }

  stopPlaying(): void {
    this.loop.stop();
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
}

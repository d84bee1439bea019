/**
 * One headless player: a socket.io-client connection that speaks the game's protocol the way
 * the browser client does (protocol version in the handshake, one input per tick, binary
 * snapshots decoded) and keeps its own statistics. Scenarios (run-bot, the soak) drive it.
 */
import {
  decodeSnapshot,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerEventName,
  type ServerPayload,
  type ServerToClientEvents,
} from '@arena/shared/protocol';
import { io, type Socket } from 'socket.io-client';
import { countInto, emptyStats, sampleLatency, type BotStats } from './bot-stats.js';
import { randomWalk } from './random-walk.js';

type BotSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
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
  readonly socket: BotSocket;
  readonly stats: BotStats;
  joined: RoomJoined | null = null;
  private inputTimer: NodeJS.Timeout | null = null;
  private seq = 0;
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
    this.socket.on('connect', () => (this.stats.connects += 1));
    this.socket.on('room:joined', (joined) => {
      this.joined = joined;
      this.stats.joins += 1;
    });
    this.socket.on('room:left', () => (this.joined = null));
    this.socket.on('error', (e) => {
      countInto(this.stats.errors, e.code);
      // A room closed under us (it failed, or the server stops): we are back in the lobby.
      if (e.code === 'ROOM_CLOSED' || e.code === 'SERVER_SHUTTING_DOWN') this.joined = null;
    });
    this.socket.on('state:snapshot', (frame) => this.onSnapshot(frame));
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

  /** Sends one input per tick (at the room's tick rate) until stopped. */
  startPlaying(): void {
    if (this.inputTimer || !this.joined || this.joined.role !== 'player') return;
    const press = randomWalk(this.options.seed);
    const tickMs = 1000 / this.joined.sim.tickRateHz;
    this.inputTimer = setInterval(() => this.sendInput(press()), tickMs);
  }

  stopPlaying(): void {
    if (this.inputTimer) clearInterval(this.inputTimer);
    this.inputTimer = null;
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

  private sendInput(buttons: number): void {
    if (!this.socket.connected) return this.stopPlaying();
    this.seq += 1;
    this.socket.emit('player:input', { seq: this.seq, buttons });
    this.stats.inputsSent += 1;
    this.sentAt.set(this.seq, performance.now());
    this.sentAt.delete(this.seq - PENDING_SEQS);
  }

  private onSnapshot(frame: ArrayBuffer | Uint8Array): void {
    this.stats.snapshots += 1;
    this.stats.snapshotBytes += frame.byteLength;
    const selfId = this.joined?.selfId;
    if (!selfId) return;
    const acked = decodeSnapshot(frame).acks.find((a) => a.playerId === selfId)?.seq ?? 0;
    if (acked <= this.lastAcked) return;
    const sentAt = this.sentAt.get(acked);
    if (sentAt !== undefined) sampleLatency(this.stats, performance.now() - sentAt);
    this.lastAcked = acked;
  }
}

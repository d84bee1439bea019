/**
 * A real socket.io player that runs the shared `NetClient` the way the browser does: a frame
 * loop at about 60 Hz on `performance.now()`, each frame's ping and inputs sent (with their
 * `viewTick`), snapshots and pongs fed back. A test scripts `buttons` and reads what the
 * player predicts for itself and draws for the others; `until` waits for a condition checked
 * after every frame (never for a fixed time).
 */
import { socketNetPort } from '@arena/bots';
import {
  NetClient,
  netRoomOf,
  type ClientFrame,
  type ClientNetcode,
} from '@arena/shared/netcode/client';
import type { ServerPayload, Snapshot } from '@arena/shared/protocol';
import { connectPlayer, waitFor, type ConnectOptions, type PlayerSocket } from './player.js';
import type { ServerPerTest } from './server-per-test.js';

const FRAME_MS = 1000 / 60;

type Joined = ServerPayload<'room:joined'>;

export class NetcodePlayer {
  readonly client: NetClient;
  /** The room's netcode: prediction, interpolation, clock sync. */
  readonly net: ClientNetcode;
  readonly id: number;
  /** Buttons held from now on; the frame loop sends them on each tick. */
  buttons = 0;
  lastFrame: ClientFrame | undefined;
  /** Every snapshot received, decoded, oldest first. */
  readonly snapshots: Snapshot[] = [];
  private readonly frameListeners = new Set<() => void>();
  private timer: NodeJS.Timeout;
  private stopped = false;

  constructor(
    readonly socket: PlayerSocket,
    readonly joined: Joined,
  ) {
    this.id = joined.selfId;
    this.client = new NetClient({ port: socketNetPort(socket), now: () => performance.now() });
    this.net = this.client.enterRoom(netRoomOf(joined));
    this.client.onSnapshot(({ snapshot }) => this.snapshots.push(snapshot));
    this.timer = setInterval(() => this.frame(), FRAME_MS);
  }

  /** Seq of the last `player:input` sent (0 before any). */
  get lastSentSeq(): number {
    return this.client.lastSentSeq;
  }

  /** The newest snapshot's state of player `id` (ourselves by default) and our ack. */
  latest(id = this.id) {
    const snapshot = this.snapshots.at(-1);
    const player = snapshot?.players.find((p) => p.id === id);
    const ack = snapshot?.acks.find((a) => a.playerId === this.id)?.seq ?? 0;
    return { snapshot, player, ack };
  }

  /** Called after every frame, until the returned function removes it. */
  onFrame(listener: () => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Resolves after the first frame on which `condition` holds; rejects naming `what`. */
  until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        off();
        reject(new Error(`player ${this.id}: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const off = this.onFrame(() => {
        if (!condition()) return;
        off();
        clearTimeout(timeout);
        resolve();
      });
    });
  }

  /**
   * No frames for `ms`, as in a hidden tab: snapshots and pongs still arrive and are handled,
   * but nothing is drawn or sent. Resolves once frames run again.
   */
  async pause(ms: number): Promise<void> {
    clearInterval(this.timer);
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (!this.stopped) this.timer = setInterval(() => this.frame(), FRAME_MS);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.frameListeners.clear();
    this.client.dispose();
  }

  private frame(): void {
    this.lastFrame = this.client.frame(this.buttons);
    for (const listener of [...this.frameListeners]) listener();
  }
}

/** Connects (with `options.query`, e.g. a simulated link), then creates a room or joins `code`. */
export async function seatNetcodePlayer(
  url: string,
  name: string,
  code?: string,
  options: ConnectOptions = {},
): Promise<NetcodePlayer> {
  const socket = connectPlayer(url, options);
  const joined = waitFor(socket, 'room:joined');
  if (code === undefined) socket.emit('room:create', { name });
  else socket.emit('room:join', { code, name });
  return new NetcodePlayer(socket, await joined);
}

/** Stops the player's loop and closes its socket when the current test ends. */
export function keepUntilTestEnds(ctx: ServerPerTest, player: NetcodePlayer): NetcodePlayer {
  ctx.sockets.push(player.socket);
  ctx.afterTest(() => player.stop());
  return player;
}

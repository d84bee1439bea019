/**
 * The client's state machine outside of any rendering: lobby ↔ room, the current
 * `RoomSession`, the per-frame step (sample buttons, let the shared `NetClient` predict and
 * send, build what to draw), and what to tell the player. Scenes and the DOM read from it;
 * only it talks to the connection about rooms.
 */
import {
  NetClient,
  netRoomOf,
  type ClientFrame,
  type NetHudStats,
} from '@arena/shared/netcode/client';
import { ErrorCode, type ServerPayload } from '@arena/shared/protocol';
import { ConnectionStatus, netPortOf, type GameConnection } from '../net/game-connection.js';
import type { RenderFrame } from './render-frame.js';
import { RoomSession } from './room-session.js';

/** Bit set of the buttons held right now (keyboard, touch). */
export type ButtonSource = () => number;

export interface Identity {
  name: string;
  color?: number;
}

export interface Notice {
  kind: 'error' | 'info';
  message: string;
  code?: string;
  /** The client event that caused it, if any. */
  event?: string;
}

/** After a reconnection, how long the server gets to give our seat back by session token. */
const REJOIN_GRACE_MS = 1500;
/** Errors after which the room is gone for us. */
const ROOM_ENDING_ERRORS: readonly string[] = [ErrorCode.RoomClosed, ErrorCode.SessionReplaced];

export class ArenaClient {
  private current: RoomSession | null = null;
  private lastFrame: RenderFrame | null = null;
  /** The tab's one netcode loop; its seqs keep counting up across rooms and reconnections. */
  readonly net: NetClient;
  private identity: Identity | null = null;
  private rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly sessionListeners = new Set<(session: RoomSession | null) => void>();
  private readonly noticeListeners = new Set<(notice: Notice) => void>();

  constructor(
    readonly connection: GameConnection,
    private readonly sampleButtons: ButtonSource,
    now: () => number = () => performance.now(),
  ) {
    this.net = new NetClient({
      port: netPortOf(connection),
      now,
      // One unreadable frame is skipped; the next one carries the whole state again.
      onUnreadableSnapshot: (error) => console.warn('skipped an unreadable snapshot', error),
    });
    this.net.onSnapshot(({ snapshot }) => this.current?.applySnapshot(snapshot));
    this.listen();
  }

  get session(): RoomSession | null {
    return this.current;
  }

  /** The frame built by the last `advance`; null outside a room. */
  get frame(): RenderFrame | null {
    return this.lastFrame;
  }

  createRoom(identity: Identity, options: { isPublic: boolean; roomName?: string }): void {
    this.identity = identity;
    const roomName = options.roomName?.trim();
    this.connection.send('room:create', {
      ...identity,
      isPublic: options.isPublic,
      ...(roomName ? { roomName } : {}),
    });
  }

  /** `spectate` watches instead of playing (also the answer to a full room). */
  joinRoom(code: string, identity: Identity, options: { spectate?: boolean } = {}): void {
    this.identity = identity;
    const spectate = options.spectate === true ? { spectate: true } : {};
    this.connection.send('room:join', { code, ...identity, ...spectate });
  }

  /** The server picks the fullest public room with space, or makes one. */
  quickPlay(identity: Identity): void {
    this.identity = identity;
    this.connection.send('room:quickplay', identity);
  }

  leaveRoom(): void {
    if (!this.current) return;
    this.connection.send('room:leave', {});
    this.setSession(null);
  }

  /**
   * Once per rendered frame: the netcode runs the input ticks due by now, then says where to
   * draw everyone. Time comes from our own clock, not Phaser's delta, which is smoothed and
   * clamped (to 1/60 s in an unfocused window) and would make inputs run slower than the
   * server's real-time tick.
   */
  advance(): void {
    const session = this.current;
    this.buildFrame(this.net.frame(session?.isPlayer ? this.sampleButtons() : 0));
  }

  /**
   * Lets go of every button now (the tab is being hidden): a hidden tab draws no frames and so
   * sends no input, and the server keeps repeating the last one it got.
   */
  releaseInput(): void {
    this.buildFrame(this.net.release());
  }

  private buildFrame(frame: ClientFrame | undefined): void {
    const session = this.current;
    if (session && frame) this.lastFrame = session.buildFrame(frame);
  }

  /** What the Net HUD shows, now; null outside a room. */
  netHud(): NetHudStats | null {
    const transport = this.connection.state.transport ?? 'offline';
    return this.net.hud(transport) ?? null;
  }

  onSessionChange(listener: (session: RoomSession | null) => void): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  onNotice(listener: (notice: Notice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  private setSession(joined: ServerPayload<'room:joined'> | null): void {
    if (joined) {
      this.current = new RoomSession(joined, this.net.enterRoom(netRoomOf(joined)));
    } else {
      this.net.leaveRoom();
      this.current = null;
    }
    this.lastFrame = null;
    for (const listener of this.sessionListeners) listener(this.current);
  }

  private notify(notice: Notice): void {
    for (const listener of this.noticeListeners) listener(notice);
  }

  private listen(): void {
    const c = this.connection;
    c.on('room:joined', (joined) => this.onJoined(joined));
    c.on('room:left', () => this.setSession(null));
    c.on('player:joined', (info) => this.current?.addPlayer(info));
    c.on('player:left', ({ id }) => this.current?.removePlayer(id));
    c.on('player:connection', ({ id, connected }) => this.current?.setConnected(id, connected));
    c.on('round:ended', (ended) => this.current?.endRound(ended));
    c.on('server:notice', ({ code, message }) => this.notify({ kind: 'info', code, message }));
    c.on('error', (error) => this.onServerError(error));
    c.onStateChange((state) => {
      if (state.status === ConnectionStatus.Open) this.scheduleRejoin();
    });
  }

  private onJoined(joined: ServerPayload<'room:joined'>): void {
    clearTimeout(this.rejoinTimer);
    this.setSession(joined);
  }

  private onServerError(error: ServerPayload<'error'>): void {
    // A refused clock ping costs one sample, nothing the player can act on: not worth a toast.
    if (error.event === 'time:ping') return;
    // A join that raced the server handing our seat back by session token: we are in already.
    if (error.code === ErrorCode.AlreadyInRoom && this.current) return;
    const notice: Notice = { kind: 'error', code: error.code, message: error.message };
    if (error.event !== undefined) notice.event = error.event;
    this.notify(notice);
    if (ROOM_ENDING_ERRORS.includes(error.code)) this.setSession(null);
  }

  /**
   * Back online while in a room: the server may hand our seat back by session token (and
   * says so with `room:joined`); if it does not, ask to join the same room again.
   */
  private scheduleRejoin(): void {
    const session = this.current;
    const identity = this.identity;
    if (!session || !identity) return;
    const snapshotsBefore = session.snapshotsReceived;
    clearTimeout(this.rejoinTimer);
    this.rejoinTimer = setTimeout(() => {
      // Snapshots flowing again means socket.io recovered the connection with us still seated.
      // Not so for a spectator: recovery restores its channel, but the server forgot it on
      // the drop (no seat is held for watchers), so it always asks to watch again.
      const stillSeated = session.isPlayer && session.snapshotsReceived > snapshotsBefore;
      const spectate = !session.isPlayer;
      if (this.current === session && !stillSeated) {
        this.joinRoom(session.code, identity, { spectate });
      }
    }, REJOIN_GRACE_MS);
  }
}

/**
 * The client's state machine outside of any rendering: lobby ↔ room, the current
 * `RoomSession`, input sampling, and what to tell the player. Scenes and the DOM read from it;
 * only it talks to the connection about rooms.
 */
import { decodeSnapshot, ErrorCode, type ServerPayload } from '@arena/shared/protocol';
import { ConnectionStatus, type GameConnection } from '../net/game-connection.js';
import { InputLoop, type ButtonSource } from './input-loop.js';
import type { RenderFrame } from './render-frame.js';
import { RoomSession } from './room-session.js';

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
  private lastAdvanceMs: number | null = null;
  private identity: Identity | null = null;
  private rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly input: InputLoop;
  private readonly sessionListeners = new Set<(session: RoomSession | null) => void>();
  private readonly noticeListeners = new Set<(notice: Notice) => void>();

  constructor(
    readonly connection: GameConnection,
    sampleButtons: ButtonSource,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.input = new InputLoop(sampleButtons, (seq, buttons) =>
      connection.send('player:input', { seq, buttons }),
    );
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
   * Once per rendered frame: run due input ticks, then build what to draw. Time comes from our
   * own clock, not Phaser's delta, which is smoothed and clamped (to 1/60 s in an unfocused
   * window) and would make inputs run slower than the server's real-time tick.
   */
  advance(): void {
    const nowMs = this.now();
    const deltaMs = this.lastAdvanceMs === null ? 0 : nowMs - this.lastAdvanceMs;
    this.lastAdvanceMs = nowMs;
    const session = this.current;
    // Offline, inputs would be predicted but never sent: the player would drift, then snap back.
    const online = this.connection.state.status === ConnectionStatus.Open;
    this.input.advance(deltaMs, online ? session : null);
    if (!session) return;
    session.prediction.fadeCorrection(deltaMs);
    this.lastFrame = session.buildFrame(nowMs, this.input.alpha);
  }

  /** Lets go of every button now (the tab is being hidden). */
  releaseInput(): void {
    this.input.release(this.current);
  }

  onSessionChange(listener: (session: RoomSession | null) => void): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  onNotice(listener: (notice: Notice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  private setSession(session: RoomSession | null): void {
    this.current = session;
    this.lastFrame = null;
    if (session) this.input.reset(session.settings.tickRateHz);
    for (const listener of this.sessionListeners) listener(session);
  }

  private notify(notice: Notice): void {
    for (const listener of this.noticeListeners) listener(notice);
  }

  private listen(): void {
    const c = this.connection;
    c.on('room:joined', (joined) => this.onJoined(joined));
    c.on('room:left', () => this.setSession(null));
    c.on('state:snapshot', (frame) => this.onSnapshot(frame));
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
    this.setSession(new RoomSession(joined));
  }

  private onSnapshot(frame: ServerPayload<'state:snapshot'>): void {
    const session = this.current;
    if (!session) return;
    try {
      this.input.catchUp(session.applySnapshot(decodeSnapshot(frame), this.now()));
    } catch (error) {
      // One unreadable frame is skipped; the next one carries the whole state again.
      console.warn('skipped an unreadable snapshot', error);
    }
  }

  private onServerError(error: ServerPayload<'error'>): void {
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

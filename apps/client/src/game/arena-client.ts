/**
 * The client's state machine outside of any rendering: lobby ↔ room, the current
 * `RoomSession`, the per-frame netcode step (sample buttons, send what it asks, build what to
 * draw), and what to tell the player. Scenes and the DOM read from it; only it talks to the
 * connection about rooms.
 */
import type { NetHudStats } from '@arena/shared/netcode/client';
import { decodeSnapshot, ErrorCode, type ServerPayload } from '@arena/shared/protocol';
import { ConnectionStatus, type GameConnection } from '../net/game-connection.js';
import { sendNetFrame, textPacketBytes } from './net-frame-sender.js';
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
  private lastAdvanceMs: number | null = null;
  /** Newest input seq of any earlier session: seqs keep counting up for the whole tab. */
  private lastSeq = 0;
  private identity: Identity | null = null;
  private rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly sessionListeners = new Set<(session: RoomSession | null) => void>();
  private readonly noticeListeners = new Set<(notice: Notice) => void>();

  constructor(
    readonly connection: GameConnection,
    private readonly sampleButtons: ButtonSource,
    private readonly now: () => number = () => performance.now(),
  ) {
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
    const nowMs = this.now();
    const deltaMs = this.lastAdvanceMs === null ? 0 : nowMs - this.lastAdvanceMs;
    this.lastAdvanceMs = nowMs;
    const session = this.current;
    if (!session) return;
    this.runFrame(session, nowMs, deltaMs, this.heldButtons(session));
  }

  /**
   * Lets go of every button now (the tab is being hidden): a hidden tab draws no frames and so
   * sends no input, and the server keeps repeating the last one it got. So the clock is run
   * to the next tick at once (at most one tick early) to send "nothing held" right away.
   */
  releaseInput(): void {
    const session = this.current;
    if (!session?.isPlayer || session.lastSentButtons === 0) return;
    const nowMs = this.now();
    const elapsedMs = this.lastAdvanceMs === null ? 0 : nowMs - this.lastAdvanceMs;
    const tickMs = 1000 / session.config.tickRateHz;
    const toNextTickMs = (1 - session.net.stepClock.alpha) * tickMs;
    this.lastAdvanceMs = nowMs;
    this.runFrame(session, nowMs, Math.max(elapsedMs, toNextTickMs), 0);
  }

  /** The buttons to predict and send: none for a spectator, and none while offline. */
  private heldButtons(session: RoomSession): number {
    // Offline, inputs cannot be sent and the server holds no buttons for a dropped player:
    // predicting held keys would drift away, then snap back.
    const online = this.connection.state.status === ConnectionStatus.Open;
    return online && session.isPlayer ? this.sampleButtons() : 0;
  }

  private runFrame(session: RoomSession, nowMs: number, deltaMs: number, buttons: number): void {
    const frame = session.net.frame(nowMs, deltaMs, buttons);
    if (this.connection.state.status === ConnectionStatus.Open) {
      sendNetFrame(this.connection, session, frame, nowMs);
    }
    this.lastFrame = session.buildFrame(frame);
  }

  /** What the Net HUD shows, now; null outside a room. */
  netHud(): NetHudStats | null {
    const transport = this.connection.state.transport ?? 'offline';
    return this.current?.net.hud(this.now(), transport) ?? null;
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
    this.lastSeq = this.seqSoFar();
    this.current = session;
    this.lastFrame = null;
    for (const listener of this.sessionListeners) listener(session);
  }

  private seqSoFar(): number {
    return Math.max(this.lastSeq, this.current?.net.lastSeq ?? 0);
  }

  private notify(notice: Notice): void {
    for (const listener of this.noticeListeners) listener(notice);
  }

  private listen(): void {
    const c = this.connection;
    c.on('room:joined', (joined) => this.onJoined(joined));
    c.on('room:left', () => this.setSession(null));
    c.on('state:snapshot', (frame) => this.onSnapshot(frame));
    c.on('time:pong', (pong) => this.onPong(pong));
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
    // The old session's last inputs may reach the server on this connection after the join,
    // and it refuses a seq lower than one it has seen: keep counting up.
    this.setSession(new RoomSession(joined, this.seqSoFar() + 1));
  }

  private onSnapshot(frame: ServerPayload<'state:snapshot'>): void {
    const session = this.current;
    if (!session) return;
    try {
      session.applySnapshot(decodeSnapshot(frame), this.now(), frame.byteLength);
    } catch (error) {
      // One unreadable frame is skipped; the next one carries the whole state again.
      console.warn('skipped an unreadable snapshot', error);
    }
  }

  private onPong(pong: ServerPayload<'time:pong'>): void {
    const session = this.current;
    if (!session) return;
    const nowMs = this.now();
    session.net.onPong(pong, nowMs);
    session.net.stats.recordBytesIn(nowMs, textPacketBytes('time:pong', pong));
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

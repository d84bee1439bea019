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
  type NetPort,
} from '@arena/shared/netcode/client';
import { ErrorCode, type ServerPayload } from '@arena/shared/protocol';
import { netPortOf, type GameConnection } from '../net/game-connection.js';
import type { OpenMirror } from '../net/snapshot-mirror.js';
import type { RenderFrame } from './render-frame.js';
import { gatedPort, ResumeCheck } from './resume-check.js';
import { RoomSession } from './room-session.js';

/** The player's buttons (keyboard, touch). */
export interface ButtonSource {
  /** Bit set of the buttons held now, or tapped and not yet sent for long enough. */
  buttons(): number;
  /** `ticks` input ticks carried `buttons()` (Infinity: none could, forget the taps). */
  carried(ticks: number): void;
}

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

/** Errors after which the room is gone for us. */
const ROOM_ENDING_ERRORS: readonly string[] = [ErrorCode.RoomClosed, ErrorCode.SessionReplaced];

/** A create, join or quick play waiting for the server's chance to resume us first. */
interface PendingEntry {
  /** The room it joins; null for create and quick play. */
  code: string | null;
  send: () => void;
}

/** Why a room we were in could not be rejoined after a reconnection, in one line. */
function lostRoomMessage(code: string, error: ServerPayload<'error'>): string {
  if (error.code === ErrorCode.RoomNotFound) {
    return `Room ${code} is gone (the server restarted or everyone left). Create or join another.`;
  }
  if (error.code === ErrorCode.RoomFull) return `Room ${code} filled up while you were away.`;
  return `Could not get back into room ${code}: ${error.message}`;
}

export class ArenaClient {
  private current: RoomSession | null = null;
  private lastFrame: RenderFrame | null = null;
  /** The tab's one netcode loop; its seqs keep counting up across rooms and reconnections. */
  readonly net: NetClient;
  private identity: Identity | null = null;
  private pendingEntry: PendingEntry | null = null;
  /** Our rejoin is out: until it is answered, the room has no seat for our inputs. */
  private awaitingSeat = false;
  private readonly resumeCheck: ResumeCheck;
  private readonly port: NetPort;
  private readonly sessionListeners = new Set<(session: RoomSession | null) => void>();
  private readonly noticeListeners = new Set<(notice: Notice) => void>();
  /** The seat's snapshot mirror while we play with one, and how to stop reading it. */
  private mirror: { connection: GameConnection; detach: () => void } | null = null;

  constructor(
    readonly connection: GameConnection,
    private readonly input: ButtonSource,
    now: () => number = () => performance.now(),
    /** Opens a seat's snapshot mirror; undefined: play on one connection. */
    private readonly openMirror?: OpenMirror,
  ) {
    // Shut until the server has said where we sit (after a reconnection, after a rejoin).
    this.port = gatedPort(netPortOf(connection), () => this.seated);
    this.net = new NetClient({
      port: this.port,
      now,
      // One unreadable frame is skipped; the NetClient asks for a keyframe if deltas then miss it.
      onUnreadableSnapshot: (error) => console.warn('skipped an unreadable snapshot', error),
    });
    this.net.onSnapshot(({ snapshot }) => this.current?.applySnapshot(snapshot));
    this.listen();
    this.resumeCheck = new ResumeCheck(connection, (resumed) => this.onResumeSettled(resumed));
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
    this.enter(null, () =>
      this.connection.send('room:create', {
        ...identity,
        isPublic: options.isPublic,
        ...(roomName ? { roomName } : {}),
      }),
    );
  }

  /** `spectate` watches instead of playing (also the answer to a full room). */
  joinRoom(code: string, identity: Identity, options: { spectate?: boolean } = {}): void {
    this.identity = identity;
    const spectate = options.spectate === true ? { spectate: true } : {};
    this.enter(code, () => this.connection.send('room:join', { code, ...identity, ...spectate }));
  }

  /** The server picks the fullest public room with space, or makes one. */
  quickPlay(identity: Identity): void {
    this.identity = identity;
    this.enter(null, () => this.connection.send('room:quickplay', identity));
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
    // Buttons only count while they can be sent; a tap stays latched until input ticks have
    // carried it, and taps nobody could send are dropped.
    const playing = session?.isPlayer === true && this.port.open;
    const frame = this.net.frame(playing ? this.input.buttons() : 0);
    this.buildFrame(frame);
    this.input.carried(playing ? (frame?.inputs.length ?? 0) : Infinity);
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

  /** Whether our inputs would reach a seat: the resume check is done and no rejoin is out. */
  private get seated(): boolean {
    return this.resumeCheck.settled && !this.awaitingSeat;
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

  /** The snapshot mirror's connection while there is one (the Net HUD, tests). */
  get mirrorConnection(): GameConnection | null {
    return this.mirror?.connection ?? null;
  }

  private setSession(joined: ServerPayload<'room:joined'> | null): void {
    this.awaitingSeat = false;
    this.closeMirror();
    if (joined) {
      this.current = new RoomSession(joined, this.net.enterRoom(netRoomOf(joined)));
    } else {
      this.net.leaveRoom();
      this.current = null;
    }
    this.lastFrame = null;
    if (joined?.role === 'player' && this.openMirror) this.startMirror(joined.sessionToken);
    for (const listener of this.sessionListeners) listener(this.current);
  }

  /**
   * A second connection for our seat's snapshots, read beside the first; the server answers a
   * new one for the same seat by closing the old (a room:joined after a reconnection).
   */
  private startMirror(sessionToken: string): void {
    const connection = this.openMirror!(sessionToken);
    this.mirror = { connection, detach: this.net.attachMirror(netPortOf(connection)) };
  }

  private closeMirror(): void {
    this.mirror?.detach();
    this.mirror?.connection.close();
    this.mirror = null;
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
  }

  /** Sends `send` now, or once the server has had its chance to give our old seat back. */
  private enter(code: string | null, send: () => void): void {
    if (this.resumeCheck.settled) return send();
    // The latest wish wins: a second click while connecting replaces the first.
    this.pendingEntry = { code, send };
  }

  private onJoined(joined: ServerPayload<'room:joined'>): void {
    this.setSession(joined);
  }

  private onServerError(error: ServerPayload<'error'>): void {
    // A refused clock ping costs one sample, nothing the player can act on: not worth a toast.
    if (error.event === 'time:ping') return;
    // A late answer to an input from a room we have left already says nothing new.
    if (error.event === 'player:input' && !this.current) return;
    // A join that raced the server handing our seat back by session token: we are in already.
    if (error.code === ErrorCode.AlreadyInRoom && this.current) return;
    const session = this.current;
    // In a room, the only join we send is the rejoin after a reconnection: refused, the room
    // is gone for us (a restart without Redis forgets rooms). Back to the lobby, saying why,
    // rather than staying in a dead room whose every input is refused.
    const lost = session !== null && error.event === 'room:join';
    const message = lost ? lostRoomMessage(session.code, error) : error.message;
    const notice: Notice = { kind: 'error', code: error.code, message };
    if (error.event !== undefined) notice.event = error.event;
    if (lost || ROOM_ENDING_ERRORS.includes(error.code)) this.setSession(null);
    this.notify(notice);
  }

  /**
   * The server has answered our first message on this connection. A join asked for meanwhile
   * goes out now (unless the server already put us in that very room); a room we were in and
   * did not get back is asked for again.
   */
  private onResumeSettled(resumed: boolean): void {
    const entry = this.pendingEntry;
    this.pendingEntry = null;
    const session = this.current;
    if (entry) {
      if (session && entry.code === session.code) return;
      if (session && resumed) this.leaveRoom();
      entry.send();
      return;
    }
    if (session && !resumed) this.rejoin(session);
  }

  /** Asks for the same room again: a seat, or a place to watch for a spectator. */
  private rejoin(session: RoomSession): void {
    const identity = this.identity ?? session.selfIdentity();
    if (identity) {
      this.awaitingSeat = true;
      return this.joinRoom(session.code, identity, { spectate: !session.isPlayer });
    }
    // A spectator resumed at page load never told us its name: nothing to ask with.
    this.setSession(null);
    this.notify({ kind: 'error', message: `Lost room ${session.code}: join it again.` });
  }
}

/**
 * Everything this tab knows about the room it is in: who is there, the latest snapshot, and
 * the room's `ClientNetcode` (prediction, interpolation, clock sync, predicted pickups), which
 * the tab's `NetClient` runs. Fed by server events, read by the scenes. A spectator's netcode
 * has no self (id 0): it only interpolates everyone and pings for the Net HUD.
 */
import type { ClientFrame, ClientNetcode, Point } from '@arena/shared/netcode/client';
import {
  simConfigFrom,
  type RoomSimSettings,
  type ServerPayload,
  type Snapshot,
  type SnapshotPlayer,
} from '@arena/shared/protocol';
import { tickConstants, type SimConfig } from '@arena/shared/sim';
import { FeedbackDetector, type FeedbackCounts } from './feedback.js';
import { MotionEvents } from './motion-events.js';
import type { DrawnCoin, DrawnPlayer, RenderFrame, RoundEnded } from './render-frame.js';

type RoomJoined = ServerPayload<'room:joined'>;
export type RosterEntry = ServerPayload<'player:joined'>;

const UNKNOWN_PLAYER_COLOR = 0x9e9e9e;

export class RoomSession {
  readonly code: string;
  readonly name: string;
  readonly isPublic: boolean;
  readonly selfId: number;
  readonly isPlayer: boolean;
  readonly settings: RoomSimSettings;
  readonly config: SimConfig;
  private readonly roster = new Map<number, RosterEntry>();
  private readonly motion: MotionEvents;
  private readonly feedback = new FeedbackDetector();
  private latest: Snapshot | null = null;
  /** Our player in the latest snapshot; null for a spectator or before we are in one. */
  private serverSelf: SnapshotPlayer | null = null;
  private roundEnded: RoundEnded | null = null;
  private receivedCount = 0;

  constructor(
    joined: RoomJoined,
    readonly net: ClientNetcode,
  ) {
    this.code = joined.roomCode;
    this.name = joined.roomName;
    this.isPublic = joined.isPublic;
    this.selfId = joined.selfId;
    this.isPlayer = joined.role === 'player' && joined.selfId > 0;
    this.settings = joined.sim;
    this.config = simConfigFrom(joined.sim);
    for (const player of joined.players) this.roster.set(player.id, player);
    const { dashCooldownTicks } = tickConstants(this.config);
    this.motion = new MotionEvents(
      this.config.maxSpeed,
      this.isPlayer ? this.selfId : 0,
      dashCooldownTicks,
    );
  }

  /** Pickups, dashes, hits and round ends seen since joining (for the test view). */
  get feedbackCounts(): Readonly<FeedbackCounts> {
    return this.feedback.counts;
  }

  get snapshotsReceived(): number {
    return this.receivedCount;
  }

  get players(): readonly RosterEntry[] {
    return [...this.roster.values()];
  }

  /** The name and colour our seat has here (a spectator has no seat: null). */
  selfIdentity(): { name: string; color: number } | null {
    const self = this.roster.get(this.selfId);
    return self ? { name: self.name, color: self.color } : null;
  }

  /** A snapshot the netcode has already taken in. */
  applySnapshot(snapshot: Snapshot): void {
    this.receivedCount += 1;
    this.latest = snapshot;
    this.motion.observe(snapshot.players);
    const ended = this.roundEnded;
    if (ended && snapshot.round.number > ended.round) this.roundEnded = null;
    if (!this.isPlayer) return;
    this.serverSelf = snapshot.players.find((p) => p.id === this.selfId) ?? null;
  }

  addPlayer(info: RosterEntry): void {
    this.roster.set(info.id, info);
  }

  removePlayer(id: number): void {
    this.roster.delete(id);
  }

  setConnected(id: number, connected: boolean): void {
    const info = this.roster.get(id);
    if (info) this.roster.set(id, { ...info, connected });
  }

  endRound(payload: RoundEnded): void {
    this.roundEnded = payload;
  }

  /** The frame to draw, from what the netcode says for this rendered frame. */
  buildFrame(net: ClientFrame): RenderFrame {
    const snapshot = this.latest;
    const predicted = this.net.predictor?.state;
    if (predicted) this.motion.observeSelf(predicted);
    const players = (snapshot?.players ?? [])
      .filter((p) => this.roster.has(p.id) || p.id === this.selfId)
      .map((p) => this.drawnPlayer(p, p.id === this.selfId ? net.self : net.others.get(p.id)));
    const server = this.serverSelf;
    const frame: Omit<RenderFrame, 'feedback'> = {
      roomCode: this.code,
      arena: { width: this.config.arenaWidth, height: this.config.arenaHeight },
      playerRadius: this.config.playerRadius,
      coinRadius: this.config.coinRadius,
      players,
      coins: this.coins(),
      self: players.find((p) => p.isSelf) ?? null,
      hud: snapshot ? this.hud(snapshot) : null,
      scoreboard: this.roundEnded,
      predicted: predicted ? { x: predicted.x, y: predicted.y } : null,
      server: server ? { x: server.x, y: server.y } : null,
    };
    return { ...frame, feedback: this.feedback.detect(frame) };
  }

  /** Our predicted pickups vanish at once; everyone else sees the server's coins. */
  private coins(): readonly DrawnCoin[] {
    if (this.serverSelf) return this.net.pickups.visibleCoins();
    return this.latest?.coins ?? [];
  }

  /** Our score as shown: the server's plus the pickups it has not judged yet. */
  private score(p: SnapshotPlayer): number {
    return p.id === this.selfId && this.serverSelf ? this.net.pickups.displayScore : p.score;
  }

  /** `at` is the netcode's position; a player it has not buffered yet is drawn as sent. */
  private drawnPlayer(p: SnapshotPlayer, at: Point | undefined): DrawnPlayer {
    const info = this.roster.get(p.id);
    const isSelf = p.id === this.selfId;
    return {
      id: p.id,
      name: info?.name ?? `player ${p.id}`,
      color: info?.color ?? UNKNOWN_PLAYER_COLOR,
      x: at?.x ?? p.x,
      y: at?.y ?? p.y,
      score: this.score(p),
      connected: p.connected && (info?.connected ?? true),
      isSelf,
      dashing: (isSelf ? (this.net.predictor?.state ?? p) : p).dashTicks > 0,
      dashes: this.motion.dashes.of(p.id),
      knockbacks: this.motion.knockbacks.of(p.id),
    };
  }

  private hud(snapshot: Snapshot): RenderFrame['hud'] {
    const self = snapshot.players.find((p) => p.id === this.selfId);
    return {
      round: snapshot.round.number,
      phase: snapshot.round.phase,
      secondsLeft: Math.ceil(snapshot.round.ticksLeft / this.settings.tickRateHz),
      score: this.isPlayer ? (self ? this.score(self) : 0) : null,
      playerCount: snapshot.players.length,
    };
  }
}

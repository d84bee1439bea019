/**
 * Everything this tab knows about the room it is in: who is there, the latest snapshot, our
 * prediction and the others' interpolation. Fed by server events, read by the scenes.
 */
import type { ServerPayload, Snapshot } from '@arena/shared/protocol';
import type { SimConfig } from '@arena/shared/sim';
import type { DrawnPlayer, RenderFrame, RoundEnded } from './render-frame.js';
import { SelfPrediction, type Point } from './self-prediction.js';
import { simConfigFrom, type SimSettings } from './sim-settings.js';
import { SnapshotInterpolator } from './snapshot-interpolation.js';

type RoomJoined = ServerPayload<'room:joined'>;
export type RosterEntry = ServerPayload<'player:joined'>;

const UNKNOWN_PLAYER_COLOR = 0x9e9e9e;

export class RoomSession {
  readonly code: string;
  readonly name: string;
  readonly isPublic: boolean;
  readonly selfId: number;
  readonly isPlayer: boolean;
  readonly settings: SimSettings;
  readonly config: SimConfig;
  readonly prediction: SelfPrediction;
  private readonly interpolation = new SnapshotInterpolator();
  private readonly roster = new Map<number, RosterEntry>();
  private latest: Snapshot | null = null;
  private roundEnded: RoundEnded | null = null;
  private receivedCount = 0;

  constructor(joined: RoomJoined) {
    this.code = joined.roomCode;
    this.name = joined.roomName;
    this.isPublic = joined.isPublic;
    this.selfId = joined.selfId;
    this.isPlayer = joined.role === 'player' && joined.selfId > 0;
    this.settings = joined.sim;
    this.config = simConfigFrom(joined.sim);
    this.prediction = new SelfPrediction(this.config);
    for (const player of joined.players) this.roster.set(player.id, player);
  }

  get snapshotsReceived(): number {
    return this.receivedCount;
  }

  get players(): readonly RosterEntry[] {
    return [...this.roster.values()];
  }

  /** Returns the seq the server last applied for us (0 when it has not applied any). */
  applySnapshot(snapshot: Snapshot, localNowMs: number): number {
    this.receivedCount += 1;
    this.latest = snapshot;
    this.interpolation.push(snapshot, localNowMs);
    const ended = this.roundEnded;
    if (ended && snapshot.round.number > ended.round) this.roundEnded = null;
    const ackedSeq = snapshot.acks.find((a) => a.playerId === this.selfId)?.seq ?? 0;
    const self = snapshot.players.find((p) => p.id === this.selfId);
    if (this.isPlayer && self) this.prediction.onServerState(self, ackedSeq);
    return ackedSeq;
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

  /** The frame to draw now; `alpha` is how far the local clock is into the next input tick. */
  buildFrame(localNowMs: number, alpha: number): RenderFrame {
    const snapshot = this.latest;
    const sampled = this.interpolation.sample(localNowMs);
    const selfDraw = this.isPlayer ? this.prediction.drawPosition(alpha) : null;
    const players = (snapshot?.players ?? [])
      .filter((p) => this.roster.has(p.id) || p.id === this.selfId)
      .map((p) => this.drawnPlayer(p, p.id === this.selfId ? selfDraw : sampled.get(p.id)));
    const predicted = this.prediction.predicted;
    const server = this.prediction.server;
    return {
      roomCode: this.code,
      arena: { width: this.config.arenaWidth, height: this.config.arenaHeight },
      playerRadius: this.config.playerRadius,
      coinRadius: this.config.coinRadius,
      players,
      coins: snapshot?.coins ?? [],
      self: players.find((p) => p.isSelf) ?? null,
      hud: snapshot ? this.hud(snapshot) : null,
      scoreboard: this.roundEnded,
      predicted: predicted ? { x: predicted.x, y: predicted.y } : null,
      server: server ? { x: server.x, y: server.y } : null,
    };
  }

  private drawnPlayer(p: Snapshot['players'][number], at: Point | null | undefined): DrawnPlayer {
    const info = this.roster.get(p.id);
    return {
      id: p.id,
      name: info?.name ?? `player ${p.id}`,
      color: info?.color ?? UNKNOWN_PLAYER_COLOR,
      x: at?.x ?? p.x,
      y: at?.y ?? p.y,
      score: p.score,
      connected: p.connected && (info?.connected ?? true),
      isSelf: p.id === this.selfId,
      dashing: p.dashTicks > 0,
    };
  }

  private hud(snapshot: Snapshot): RenderFrame['hud'] {
    const self = snapshot.players.find((p) => p.id === this.selfId);
    return {
      round: snapshot.round.number,
      phase: snapshot.round.phase,
      secondsLeft: Math.ceil(snapshot.round.ticksLeft / this.settings.tickRateHz),
      score: this.isPlayer ? (self?.score ?? 0) : null,
      playerCount: snapshot.players.length,
    };
  }
}

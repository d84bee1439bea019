/**
 * netlab's client: what the browser does each frame, with the real netcode modules and a
 * clock of its own (offset from the server's by an amount it has to discover).
 * Frame: ping if due → draw time for others → bot reads the view and picks buttons → due
 * ticks: predict, send input → draw self. Messages are handled the moment they arrive.
 */
import { decodeSnapshot } from '../../protocol/snapshot-codec.js';
import type { Snapshot } from '../../protocol/snapshot.js';
import type { SimConfig } from '../../sim/config.js';
import type { PlayerState } from '../../sim/world.js';
import { ClockSync } from '../clock-sync.js';
import { InterpolationBuffer } from '../interpolation.js';
import { JitterDelay } from '../jitter-delay.js';
import type { SimulatedLink } from '../link-simulator.js';
import type { Point } from '../point.js';
import { PredictedPickups } from '../predicted-pickups.js';
import { Predictor } from '../prediction.js';
import { FixedStepClock } from '../render-interpolation.js';
import { ClientMetrics, type Truth } from './client-metrics.js';
import { upMessageBytes, type DownMessage, type UpMessage } from './messages.js';
import { Phase, type Bot } from './scenario.js';

export interface LabClientOptions {
  id: number;
  config: SimConfig;
  /** clientClock − serverClock (ms). */
  clockOffsetMs: number;
  joinAtMs: number;
  fps: number;
  snapshotIntervalMs: number;
  quietMs: number;
  warmupMs: number;
  bot: Bot;
  uplink: SimulatedLink<UpMessage>;
  truth: Truth;
}

const CLOCK_CHECK_AFTER_MS = 2000;

export class LabClient {
  readonly frameMs: number;
  nextFrameAtMs: number;
  readonly clock: FixedStepClock;
  readonly clockSync = new ClockSync();
  readonly jitter: JitterDelay;
  readonly interpolation: InterpolationBuffer;
  readonly pickups: PredictedPickups;
  predictor: Predictor | undefined;
  readonly metrics: ClientMetrics;
  private seq = 0;
  private remoteDashing = new Map<number, boolean>();
  private remotesNow: ReadonlyMap<number, Point> = new Map();
  private dashSeen = false;
  private lastAck = 0;
  bytesOut = 0;
  bytesIn = 0;

  constructor(private readonly o: LabClientOptions) {
    this.frameMs = 1000 / o.fps;
    this.nextFrameAtMs = o.joinAtMs;
    this.clock = new FixedStepClock(1000 / o.config.tickRateHz);
    this.jitter = new JitterDelay(o.snapshotIntervalMs);
    this.interpolation = new InterpolationBuffer({
      blendSpeedPxPerS: o.config.maxSpeed * 0.4,
      maxExtrapolateSpeedPxPerS: o.config.maxSpeed,
    });
    this.pickups = new PredictedPickups(o.config);
    this.metrics = new ClientMetrics(o.truth);
  }

  get id(): number {
    return this.o.id;
  }

  get joinAtMs(): number {
    return this.o.joinAtMs;
  }

  private local(nowMs: number): number {
    return nowMs + this.o.clockOffsetMs;
  }

  private send(nowMs: number, message: UpMessage): void {
    const bytes = upMessageBytes(message);
    this.bytesOut += bytes;
    this.o.uplink.send(nowMs, message, bytes);
  }

  onMessage(message: DownMessage, nowMs: number, bytes: number): void {
    this.bytesIn += bytes;
    const local = this.local(nowMs);
    if (message.kind === 'pong') {
      const { clientTimeMs, serverTimeMs } = message;
      this.clockSync.addSample({
        clientSendMs: clientTimeMs,
        serverTimeMs,
        clientReceiveMs: local,
      });
      return;
    }
    this.onSnapshot(decodeSnapshot(message.frame), local);
  }

  private onSnapshot(snapshot: Snapshot, local: number): void {
    this.jitter.onSnapshot(snapshot.serverTimeMs, local);
    this.clockSync.addServerTimestamp(snapshot.serverTimeMs, local);
    const others = snapshot.players.filter((p) => p.id !== this.o.id);
    this.interpolation.push(snapshot.tick, snapshot.serverTimeMs, others);
    for (const p of others) this.remoteDashing.set(p.id, p.dashTicks > 0);
    const self = snapshot.players.find((p) => p.id === this.o.id);
    if (!self) return;
    const ack = snapshot.acks.find((a) => a.playerId === this.o.id)?.seq ?? 0;
    this.pickups.onSnapshot(snapshot.coins, self.score, ack, snapshot.round.phase);
    if (!this.predictor) {
      this.predictor = new Predictor(this.o.config, self, { observer: this.pickups });
      return;
    }
    const correction = this.predictor.reconcile(self, ack);
    if (correction.distancePx > 0) this.metrics.correctionSizes.push(correction.distancePx);
    const elapsed = local - this.local(this.o.joinAtMs);
    if (elapsed >= this.o.warmupMs && elapsed < this.o.quietMs) {
      const late = this.o.truth.guessedBetween(this.o.id, this.lastAck, ack);
      (late ? this.metrics.quietErrorsLate : this.metrics.quietErrors).push(correction.distancePx);
    }
    this.lastAck = ack;
  }

  frame(nowMs: number): void {
    this.nextFrameAtMs += this.frameMs;
    const local = this.local(nowMs);
    const elapsed = nowMs - this.o.joinAtMs;
    if (this.clockSync.shouldPing(local)) this.send(nowMs, { kind: 'ping', clientTimeMs: local });
    this.checkClock(elapsed);
    const predictor = this.predictor;
    if (!predictor) return;
    const viewTick = this.drawRemotes(nowMs, local, elapsed);
    const phase = elapsed < this.o.quietMs ? Phase.Quiet : Phase.Melee;
    const view = { elapsedMs: elapsed, phase, self: predictor.state, remotes: this.remotesNow };
    const buttons = this.o.bot.decide(view);
    if (this.o.bot.probe) this.metrics.startProbe(this.o.bot.probe);
    for (let n = this.clock.advance(this.frameMs); n > 0; n--) {
      this.seq += 1;
      const state = predictor.applyLocalInput(this.seq, buttons);
      this.send(nowMs, { kind: 'input', seq: this.seq, buttons, viewTick });
      this.checkSeenHit(state, viewTick);
    }
    const drawn = predictor.render(this.frameMs, this.clock.alpha, buttons);
    const offset = predictor.smoother.offset;
    const raw = { x: drawn.x - offset.x, y: drawn.y - offset.y };
    this.metrics.onSelfDrawn(raw, predictor.renderCorrection);
    if (predictor.smoother.lastStepPx > 0)
      this.metrics.visibleSteps.push(predictor.smoother.lastStepPx);
  }

  private drawRemotes(nowMs: number, local: number, elapsed: number): number | undefined {
    const renderMs = this.jitter.renderServerTimeMs(local);
    this.remotesNow = this.interpolation.sample(renderMs);
    this.metrics.onRemotesDrawn(this.remotesNow, renderMs, this.frameMs);
    if (elapsed >= this.o.warmupMs) {
      this.metrics.delays.push(this.jitter.delayMs);
      this.metrics.viewLags.push(nowMs - renderMs);
    }
    const tick = this.interpolation.viewTick(renderMs);
    return tick === undefined ? undefined : Math.floor(tick);
  }

  private checkClock(elapsed: number): void {
    if (this.metrics.clockErrorAt2sMs !== undefined || elapsed < CLOCK_CHECK_AFTER_MS) return;
    // True offset is serverClock − clientClock = −clockOffsetMs.
    this.metrics.clockErrorAt2sMs = Math.abs(this.clockSync.offsetMs + this.o.clockOffsetMs);
  }

  /** A dash hit as the attacker sees it: predicted self within reach of a drawn victim. */
  private checkSeenHit(state: Readonly<PlayerState>, viewTick: number | undefined): void {
    if (state.dashTicks === 0) {
      this.dashSeen = false;
      return;
    }
    if (this.dashSeen) return;
    const reach = 2 * this.o.config.playerRadius;
    const victims = [...this.remotesNow].filter(
      ([id, p]) => !this.remoteDashing.get(id) && Math.hypot(p.x - state.x, p.y - state.y) < reach,
    );
    const first = victims[0];
    if (!first) return;
    this.dashSeen = true;
    this.metrics.seenHits.push({
      attackerId: this.o.id,
      victimIds: victims.map(([id]) => id),
      seq: this.seq,
      viewTick,
      attacker: { x: state.x, y: state.y },
      victim: first[1],
    });
  }
}

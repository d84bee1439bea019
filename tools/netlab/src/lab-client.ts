/**
 * netlab's client: the shared `NetClient` (the loop every player runs) with a bot at the
 * keyboard, a clock of its own (offset from the server's by an amount it has to discover), a
 * port onto netlab's simulated uplink, and the metrics. Messages are handled the moment they
 * arrive; frames come at the display rate.
 */
import type { Snapshot } from '@arena/shared/protocol';
import type { SimConfig, PlayerState } from '@arena/shared/sim';
import {
  NetClient,
  type ClientFrame,
  type ClientNetcode,
  type Correction,
  type SimulatedLink,
  type Point,
} from '@arena/shared/netcode/client';
import { ClientMetrics, type Truth } from './client-metrics.js';
import { LabPort } from './lab-port.js';
import { downMessageBytes, type DownMessage, type UpMessage } from './messages.js';
import { Phase, type Bot } from './scenario.js';

export interface LabClientOptions {
  id: number;
  config: SimConfig;
  /** clientClock − serverClock (ms). */
  clockOffsetMs: number;
  joinAtMs: number;
  fps: number;
  snapshotIntervalMs: number;
  /** The room's input buffer, as `room:joined.sim` announces it. */
  inputBufferTicks: number | undefined;
  quietMs: number;
  warmupMs: number;
  bot: Bot;
  uplink: SimulatedLink<UpMessage>;
  /** The snapshot mirror's uplink (its pings), when the client opens one. */
  mirrorUplink?: SimulatedLink<UpMessage> | undefined;
  truth: Truth;
}

/** The clock estimate is checked this long after joining. */
export const CLOCK_CHECK_AFTER_MS = 2000;

export class LabClient {
  readonly frameMs: number;
  nextFrameAtMs: number;
  readonly netcode: ClientNetcode;
  readonly metrics: ClientMetrics;
  private readonly port: LabPort;
  private readonly mirrorPort: LabPort | undefined;
  private readonly client: NetClient;
  private remoteDashing = new Map<number, boolean>();
  private othersSeen: ReadonlyMap<number, Point> = new Map();
  private dashSeen = false;
  private lastAck = 0;
  bytesIn = 0;

  constructor(private readonly o: LabClientOptions) {
    this.frameMs = 1000 / o.fps;
    this.nextFrameAtMs = o.joinAtMs;
    this.port = new LabPort(o.uplink);
    this.client = new NetClient({ port: this.port, now: () => this.port.nowMs + o.clockOffsetMs });
    if (o.mirrorUplink) {
      this.mirrorPort = new LabPort(o.mirrorUplink);
      this.client.attachMirror(this.mirrorPort);
    }
    this.netcode = this.client.enterRoom({
      config: o.config,
      selfId: o.id,
      snapshotIntervalMs: o.snapshotIntervalMs,
      inputBufferTicks: o.inputBufferTicks,
    });
    this.client.onSnapshot(({ snapshot, correction }) => this.onSnapshot(snapshot, correction));
    this.metrics = new ClientMetrics(o.truth);
  }

  get id(): number {
    return this.o.id;
  }

  get joinAtMs(): number {
    return this.o.joinAtMs;
  }

  get bytesOut(): number {
    return this.port.bytesOut + (this.mirrorPort?.bytesOut ?? 0);
  }

  /** What the main connection delivers. */
  onMessage(message: DownMessage, nowMs: number): void {
    this.receive(this.port, message, nowMs);
  }

  /** What the snapshot mirror delivers. */
  onMirrorMessage(message: DownMessage, nowMs: number): void {
    if (this.mirrorPort) this.receive(this.mirrorPort, message, nowMs);
  }

  private receive(port: LabPort, message: DownMessage, nowMs: number): void {
    this.bytesIn += downMessageBytes(message);
    // Both ports read the lab clock: the NetClient's `now` is the main port's.
    this.port.nowMs = nowMs;
    port.nowMs = nowMs;
    port.deliver(message);
  }

  private onSnapshot(snapshot: Snapshot, correction: Correction | undefined): void {
    for (const p of snapshot.players) this.remoteDashing.set(p.id, p.dashTicks > 0);
    if (correction) this.measureCorrection(correction, this.port.nowMs - this.o.joinAtMs);
  }

  private measureCorrection(correction: Correction, elapsed: number): void {
    if (correction.distancePx > 0) this.metrics.correctionSizes.push(correction.distancePx);
    if (elapsed >= this.o.warmupMs && elapsed < this.o.quietMs) {
      const { truth } = this.o;
      // An ack that went back: the server re-anchored slots it had already guessed through.
      const reanchored = correction.ackedSeq < this.lastAck;
      const disturbed =
        reanchored || truth.disturbedBetween(this.o.id, this.lastAck, correction.ackedSeq);
      const errors = disturbed ? this.metrics.quietErrorsDisturbed : this.metrics.quietErrors;
      errors.push(correction.distancePx);
    }
    this.lastAck = correction.ackedSeq;
  }

  frame(nowMs: number): void {
    this.nextFrameAtMs += this.frameMs;
    this.port.nowMs = nowMs;
    if (this.mirrorPort) this.mirrorPort.nowMs = nowMs;
    const elapsed = nowMs - this.o.joinAtMs;
    this.checkClock(elapsed);
    // Exact frame times: netlab's frames are `frameMs` apart on its manual clock.
    const frame = this.client.frame(this.decide(elapsed), this.frameMs)!;
    for (const { seq, viewTick, predicted } of frame.inputs) {
      this.checkSeenHit(predicted, seq, viewTick, frame.others);
    }
    this.measureFrame(frame, nowMs, elapsed);
    this.othersSeen = frame.others;
  }

  /** The bot looks at what was drawn last frame, as a player would. */
  private decide(elapsed: number): number {
    const predictor = this.netcode.predictor;
    if (!predictor) return 0;
    const phase = elapsed < this.o.quietMs ? Phase.Quiet : Phase.Melee;
    const view = { elapsedMs: elapsed, phase, self: predictor.state, remotes: this.othersSeen };
    const buttons = this.o.bot.decide(view);
    if (this.o.bot.probe) this.metrics.startProbe(this.o.bot.probe);
    return buttons;
  }

  private measureFrame(frame: ClientFrame, nowMs: number, elapsed: number): void {
    const { metrics, netcode } = this;
    metrics.onRemotesDrawn(frame.others, frame.renderServerTimeMs, this.frameMs);
    if (elapsed >= this.o.warmupMs) {
      metrics.delays.push(netcode.jitter.delayMs);
      metrics.viewLags.push(nowMs - frame.renderServerTimeMs);
    }
    const { interpolation } = netcode;
    for (const { errorPx } of interpolation.lastErrors) metrics.extrapolationErrors.push(errorPx);
    if (interpolation.lastGlideStepPx > 0) metrics.glideSteps.push(interpolation.lastGlideStepPx);
    const predictor = netcode.predictor;
    if (!frame.self || !predictor) return;
    const offset = predictor.smoother.offset;
    metrics.onSelfDrawn(
      { x: frame.self.x - offset.x, y: frame.self.y - offset.y },
      predictor.renderCorrection,
    );
    if (predictor.smoother.lastStepPx > 0) metrics.visibleSteps.push(predictor.smoother.lastStepPx);
  }

  private checkClock(elapsed: number): void {
    if (this.metrics.clockErrorAt2sMs !== undefined || elapsed < CLOCK_CHECK_AFTER_MS) return;
    // True offset is serverClock − clientClock = −clockOffsetMs.
    this.metrics.clockErrorAt2sMs = Math.abs(
      this.netcode.clockSync.offsetMs + this.o.clockOffsetMs,
    );
  }

  /** A dash hit as the attacker sees it: predicted self within reach of a drawn victim. */
  private checkSeenHit(
    state: Readonly<PlayerState>,
    seq: number,
    viewTick: number | undefined,
    others: ReadonlyMap<number, Point>,
  ): void {
    if (state.dashTicks === 0) {
      this.dashSeen = false;
      return;
    }
    if (this.dashSeen) return;
    const reach = 2 * this.o.config.playerRadius;
    const victims = [...others].filter(
      ([id, p]) => !this.remoteDashing.get(id) && Math.hypot(p.x - state.x, p.y - state.y) < reach,
    );
    const first = victims[0];
    if (!first) return;
    this.dashSeen = true;
    this.metrics.seenHits.push({
      attackerId: this.o.id,
      victimIds: victims.map(([id]) => id),
      seq,
      viewTick,
      attacker: { x: state.x, y: state.y },
      victim: first[1],
    });
  }
}

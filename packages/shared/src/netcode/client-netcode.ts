/**
 * The client's netcode in one object, for the browser and the headless bots alike. Feed it
 * what arrives (`onSnapshot`, `onPong`) and call `frame` once per rendered frame with the
 * buttons held; it says what to send and where to draw everyone. Time is always an argument:
 * pass the same monotonic clock (e.g. `performance.now()`) everywhere.
 */
import type { Snapshot } from '../protocol/snapshot.js';
import type { SimConfig } from '../sim/config.js';
import type { PlayerState } from '../sim/world.js';
import { ClockSync } from './clock-sync.js';
import { EventLoopWatch } from './event-loop-watch.js';
import { EXTRAPOLATE_MAX_MS } from './extrapolation.js';
import { InterpolationBuffer } from './interpolation.js';
import { JitterDelay } from './jitter-delay.js';
import { NetStats, type NetHudStats } from './net-stats.js';
import type { Point } from './point.js';
import { PredictedPickups } from './predicted-pickups.js';
import { Predictor, type Correction } from './prediction.js';
import { INPUT_BUFFER_TICKS } from './input-buffer-limits.js';
import { FixedStepClock } from './render-interpolation.js';

/** Speed of the glide that closes an extrapolation's error, as a share of walking speed. */
const GLIDE_SHARE_OF_MAX_SPEED = 0.15;

export interface ClientNetcodeOptions {
  config: SimConfig;
  selfId: number;
  snapshotIntervalMs: number;
  /**
   * Seq of the first input (default 1). A tab that changes rooms or reconnects keeps counting
   * up from where its last netcode stopped: the old one's last inputs can reach the server on
   * the new connection before the new netcode starts, and the server refuses a seq below one
   * it has seen there.
   */
  firstSeq?: number;
  /** The room's input buffer (`room:joined.sim.inputBufferTicks`); the default's otherwise. */
  inputBufferTicks?: number;
}

/** One `player:input` to send. `predicted` is our state after it (for HUDs and tests). */
export interface OutgoingInput {
  seq: number;
  buttons: number;
  viewTick: number | undefined;
  /** Set while others are drawn extrapolated past `viewTick`'s snapshot: by how much (ms). */
  viewAheadMs: number | undefined;
  predicted: Readonly<PlayerState>;
}

export interface ClientFrame {
  /** Send each as `player:input {seq, buttons, viewTick, viewAheadMs}`, in order. */
  inputs: OutgoingInput[];
  /** Send `time:ping {clientTimeMs}` when set, before the inputs. */
  pingClientTimeMs: number | undefined;
  /** Where to draw ourselves; undefined until the first snapshot that has us. */
  self: Point | undefined;
  /** Where to draw everyone else. */
  others: Map<number, Point>;
  /** Server time (snapshot timebase) the others are drawn at. */
  renderServerTimeMs: number;
}

export class ClientNetcode {
  readonly clockSync = new ClockSync();
  readonly jitter: JitterDelay;
  readonly interpolation: InterpolationBuffer;
  readonly pickups: PredictedPickups;
  readonly stepClock: FixedStepClock;
  readonly stats = new NetStats();
  /** Tells our own hitches from the network's (see `EventLoopWatch`). */
  readonly loop = new EventLoopWatch();
  predictor: Predictor | undefined;
  private seq: number;
  /** After a pause (`catchUpWith`): the next frame's newest seq, and the ack that showed it. */
  private skip: { to: number; fromAck: number } | undefined;
  private lastRenderServerTimeMs = -Infinity;
  private lastFrameMs = -Infinity;
  private newestTick = -Infinity;

  constructor(private readonly options: ClientNetcodeOptions) {
    const { config, snapshotIntervalMs } = options;
    this.seq = (options.firstSeq ?? 1) - 1;
    this.jitter = new JitterDelay(snapshotIntervalMs, { maxAheadMs: EXTRAPOLATE_MAX_MS });
    // A render clock catching up draws others up to 30% fast; gliding back after an
    // extrapolation at 15% of walking speed on top keeps every drawn step within about
    // 1.45 × what the speed limit allows.
    this.interpolation = new InterpolationBuffer({
      blendSpeedPxPerS: config.maxSpeed * GLIDE_SHARE_OF_MAX_SPEED,
      config,
      maxExtrapolateMs: EXTRAPOLATE_MAX_MS,
    });
    this.pickups = new PredictedPickups(config);
    this.stepClock = new FixedStepClock(1000 / config.tickRateHz);
  }

  /** Seq of the newest input made (sent or not); `firstSeq − 1` before any. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Tick of the newest snapshot taken (−Infinity before any): older copies are ignored. */
  get newestSnapshotTick(): number {
    return this.newestTick;
  }

  /** A decoded `state:snapshot`. Returns the prediction correction it caused, if any. */
  onSnapshot(snapshot: Snapshot, nowMs: number, bytes = 0): Correction | undefined {
    // A copy of one we have (the other connection's, with a snapshot mirror) or an older one.
    if (snapshot.tick <= this.newestTick) return undefined;
    this.newestTick = snapshot.tick;
    const { selfId, config } = this.options;
    this.stats.recordSnapshot(nowMs, snapshot.tick, bytes);
    this.jitter.onSnapshot(snapshot.serverTimeMs, nowMs, this.loop.heldLocally(nowMs));
    this.clockSync.addServerTimestamp(snapshot.serverTimeMs, nowMs);
    const others = snapshot.players.filter((p) => p.id !== selfId);
    this.interpolation.push(snapshot.tick, snapshot.serverTimeMs, others);
    const self = snapshot.players.find((p) => p.id === selfId);
    if (!self) return undefined;
    const ack = snapshot.acks.find((a) => a.playerId === selfId)?.seq ?? 0;
    this.catchUpWith(ack);
    this.pickups.onSnapshot(snapshot.coins, self.score, ack, snapshot.round.phase);
    if (!this.predictor) {
      this.predictor = new Predictor(config, self, { observer: this.pickups });
      return undefined;
    }
    const correction = this.predictor.reconcile(self, ack);
    this.stats.recordCorrection(nowMs, correction.distancePx);
    return correction;
  }

  /**
   * The server spends one input slot per tick whether our input came or not (`InputSlots`).
   * After a pause of ours (a hidden tab, a frame too long to catch up on) it has spent slots
   * we never made, and every input we send would come too late for its slot and be ignored:
   * the player could never move again. So when its ack passes our newest seq, skip ahead to
   * where an input made now reaches the server in time for its slot. The next frame runs the
   * ticks its clock missed in the pause (the last of them is "now"), so the skip lands on its
   * newest input: numbering them after the skip would put every later input as many ticks
   * early, a lag the server trims only after seconds. Those at or below the ack would only
   * arrive late (their slots are spent): they are not made at all.
   */
  private catchUpWith(ack: number): void {
    if (ack === 0 || ack < this.seq) return;
    const tickMs = 1000 / this.options.config.tickRateHz;
    // To the nearest tick: rounding up put a fast link's inputs a whole tick early (a 1 ms
    // round trip counted as a tick), and the server holds every input that long until 5 s of
    // them show it (the room's buffer already absorbs a tick's error).
    const roundTripTicks = Math.round((this.clockSync.rttMs ?? 0) / tickMs);
    const bufferTicks = this.options.inputBufferTicks ?? INPUT_BUFFER_TICKS;
    this.skip = { to: ack + roundTripTicks + bufferTicks + 1, fromAck: ack };
  }

  /** A `time:pong`. */
  onPong(pong: { clientTimeMs: number; serverTimeMs: number }, nowMs: number): void {
    this.clockSync.addSample({
      clientSendMs: pong.clientTimeMs,
      serverTimeMs: pong.serverTimeMs,
      clientReceiveMs: nowMs,
    });
  }

  /** Once per rendered frame, with the buttons held now. */
  frame(nowMs: number, frameDtMs: number, buttons: number): ClientFrame {
    this.loop.onFrame(nowMs);
    let ticks = this.stepClock.advance(frameDtMs);
    // Pings go out on tick frames, just before that tick's input. The link keeps order, so a
    // ping sent between two inputs would wait behind the one sent a frame earlier whenever it
    // was slow; this way it only waits behind packets a whole tick older, and the fastest
    // ping (what the clock estimate rests on) comes close to the link's true minimum sooner.
    const pingClientTimeMs = ticks > 0 && this.clockSync.shouldPing(nowMs) ? nowMs : undefined;
    const renderServerTimeMs = this.jitter.renderServerTimeMs(nowMs, this.loop.frameCameLate);
    this.lastRenderServerTimeMs = renderServerTimeMs;
    this.lastFrameMs = nowMs;
    const others = this.interpolation.sample(renderServerTimeMs, frameDtMs);
    const view = this.interpolation.viewTick(renderServerTimeMs);
    const viewTick = view === undefined ? undefined : Math.floor(view);
    const ahead = Math.round(this.interpolation.aheadMs(renderServerTimeMs));
    const viewAheadMs = ahead > 0 ? ahead : undefined;
    const inputs: OutgoingInput[] = [];
    const predictor = this.predictor;
    if (!predictor)
      return { inputs, pingClientTimeMs, self: undefined, others, renderServerTimeMs };
    if (this.skip && ticks > 0) {
      ticks = Math.min(ticks, this.skip.to - this.skip.fromAck);
      this.seq = this.skip.to - ticks;
      this.skip = undefined;
    }
    for (let n = 0; n < ticks; n++) {
      this.seq += 1;
      const predicted = predictor.applyLocalInput(this.seq, buttons);
      inputs.push({ seq: this.seq, buttons, viewTick, viewAheadMs, predicted });
    }
    const self = predictor.render(frameDtMs, this.stepClock.alpha, buttons);
    return { inputs, pingClientTimeMs, self, others, renderServerTimeMs };
  }

  /**
   * How far behind the server's clock the others were drawn on the last frame: what a player
   * feels as "they live in the past". Undefined until the clock is synced and others drawn.
   */
  get othersBehindServerMs(): number | undefined {
    const renderMs = this.lastRenderServerTimeMs;
    if (!this.clockSync.synced || !Number.isFinite(renderMs)) return undefined;
    return this.clockSync.serverNow(this.lastFrameMs) - renderMs;
  }

  /** Everything the Net HUD shows. */
  hud(nowMs: number, transport: string): NetHudStats {
    const renderMs = this.lastRenderServerTimeMs;
    return this.stats.read(nowMs, {
      rttMs: this.clockSync.rttMs,
      jitterMs: this.jitter.jitterMs,
      interpolationDelayMs: this.jitter.delayMs,
      othersBehindServerMs: this.othersBehindServerMs,
      bufferDepth: this.interpolation.depth(renderMs).snapshots,
      extrapolations: this.interpolation.stats.dryRuns,
      underruns: this.interpolation.stats.underruns,
      transport,
    });
  }
}

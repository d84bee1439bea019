/**
 * netlab's server: the authoritative loop the real server runs, without sockets. Fixed
 * ticks at exact times of its own clock, one input slot per player per tick, `sim.step` with
 * (or without) lag compensation, one encoded snapshot per tick for everybody. It also keeps
 * the true history that the metrics compare clients against.
 */
import {
  SnapshotEncoder,
  snapshotSource,
  type EncodedSnapshot,
  type Snapshot,
} from '@arena/shared/protocol';
import {
  type SimConfig,
  addPlayer,
  createWorld,
  quantizePosition,
  ticksToComeToRest,
  type PlayerState,
  type World,
} from '@arena/shared/sim';
import {
  InputSlots,
  type TakenInput,
  LagCompensation,
  presentPositions,
  runServerTick,
  type Point,
} from '@arena/shared/netcode/server';
import type { DownMessage, UpMessage } from './messages.js';
import { quietZone } from './scenario.js';

export interface LabServerOptions {
  seed: number;
  config: SimConfig;
  playerIds: readonly number[];
  snapshotEveryTicks: number;
  /** undefined: no lag compensation (victims judged where they are now). */
  maxRewindMs: number | undefined;
  /** The input slots' jitter buffer (ticks); the server's default when undefined. */
  inputBufferTicks?: number;
  /** The least buffer a clean link's slots shrink to; the server's default when undefined. */
  inputBufferMinTicks?: number;
}

export interface ServerHit {
  attackerId: number;
  victimId: number;
  /** The attacker's input slot applied on that tick. */
  attackerSeq: number;
  tick: number;
}

export class LabServer {
  world: World;
  readonly tickMs: number;
  readonly maxSpeed: number;
  nextTickAtMs: number;
  readonly slots = new Map<number, InputSlots>();
  private readonly lagCompensation: LagCompensation | undefined;
  /** positions[tick] = every player's position after that tick. */
  readonly positions: Map<number, Point>[] = [];
  /** states[tick] = every player's whole state after that tick (what dead reckoning starts from). */
  readonly states: (readonly PlayerState[])[] = [];
  readonly hits: ServerHit[] = [];
  /** Input slots guessed (input late), dropped (buffer too deep) or bumped, per player. */
  readonly disturbedSlots = new Map<number, Set<number>>();
  /** When each queued input arrived, per player and seq: how long the server held it. */
  private readonly arrivedAt = new Map<number, Map<number, number>>();
  /** Every input that ran on its own slot: ms between its arrival and its tick. */
  readonly inputWaitsMs: number[] = [];
  /** Where each player's slot put it before bodies collided: what hits were judged with. */
  readonly judgedAt = new Map<number, Map<number, Point>>();
  /** One delta per snapshot for everybody, and a keyframe for whoever holds no base. */
  private readonly snapshots: SnapshotEncoder;

  constructor(private readonly options: LabServerOptions) {
    const { config, playerIds, seed, maxRewindMs } = options;
    this.tickMs = 1000 / config.tickRateHz;
    this.snapshots = new SnapshotEncoder(config.tickRateHz);
    this.maxSpeed = config.maxSpeed;
    this.nextTickAtMs = this.tickMs;
    let world = createWorld(seed, config);
    for (const id of playerIds) {
      world = addPlayer(world, id);
      this.slots.set(
        id,
        new InputSlots(options.inputBufferTicks, undefined, {
          minBufferTicks: options.inputBufferMinTicks,
          restTicks: ticksToComeToRest(config),
          tickMs: this.tickMs,
        }),
      );
      this.disturbedSlots.set(id, new Set());
      this.arrivedAt.set(id, new Map());
      this.judgedAt.set(id, new Map());
    }
    // Seat everyone in their quiet zone, so the quiet phase starts with nobody near anybody.
    for (const p of world.players) {
      const { center } = quietZone(p.id, config);
      [p.x, p.y] = [quantizePosition(center.x), quantizePosition(center.y)];
    }
    this.world = world;
    this.lagCompensation =
      maxRewindMs === undefined ? undefined : new LagCompensation(this.tickMs, maxRewindMs, config);
    this.recordTruth();
  }

  onMessage(playerId: number, message: UpMessage, nowMs: number): DownMessage | undefined {
    if (message.kind === 'ping') {
      return { kind: 'pong', clientTimeMs: message.clientTimeMs, serverTimeMs: nowMs };
    }
    const { seq, buttons, viewTick, viewAheadMs } = message;
    const result = this.slots.get(playerId)?.receive(seq, buttons, viewTick, viewAheadMs, nowMs);
    if (result === 'queued' || result === 'reanchored')
      this.arrivedAt.get(playerId)?.set(seq, nowMs);
    return undefined;
  }

  /** Runs the tick due at `nowMs`; returns the snapshot when one is due. */
  tick(nowMs: number): EncodedSnapshot | undefined {
    this.nextTickAtMs += this.tickMs;
    const before = this.world;
    const { world, taken } = runServerTick(before, this.slots, this.lagCompensation);
    this.world = world;
    this.recordWaits(taken, nowMs);
    this.recordSlots(before, taken);
    this.recordTruth();
    this.recordHits(taken);
    if (this.world.tick % this.options.snapshotEveryTicks !== 0) return undefined;
    return this.snapshots.encode(snapshotSource(this.snapshot(nowMs)), nowMs);
  }

  /**
   * Which slots were disturbed (guessed, dropped, given a late input's dash press, or touched
   * by another player, whose push no prediction can know), and where each slot put its player
   * before bodies collided (what a hit was judged with).
   */
  private recordSlots(before: World, taken: ReadonlyMap<number, TakenInput>): void {
    const inputs = new Map([...taken].map(([id, input]) => [id, input.buttons]));
    const present = presentPositions(before, inputs);
    const touched = this.touchedThisTick(present);
    for (const [id, input] of taken) {
      const disturbed = this.disturbedSlots.get(id)!;
      if (input.guessed || input.carriedPress || touched.has(id)) disturbed.add(input.seq);
      for (let k = 1; k <= input.skippedBefore; k++) disturbed.add(input.seq - k);
      this.judgedAt.get(id)!.set(input.seq, present.get(id)!);
    }
  }

  /** How long each input that ran sat at the server: the input buffer's delay, as played. */
  private recordWaits(taken: ReadonlyMap<number, TakenInput>, nowMs: number): void {
    for (const [id, input] of taken) {
      const arrived = this.arrivedAt.get(id)!;
      const at = arrived.get(input.seq);
      if (!input.guessed && at !== undefined) this.inputWaitsMs.push(nowMs - at);
      // Older entries are inputs whose slots were dropped or re-anchored away.
      for (const seq of arrived.keys()) if (seq <= input.seq) arrived.delete(seq);
    }
  }

  /** Players whose bodies overlapped someone after moving, or who were hit by a dash. */
  private touchedThisTick(present: ReadonlyMap<number, Point>): Set<number> {
    const touched = new Set<number>();
    const reach = 2 * this.world.config.playerRadius;
    for (const [a, pa] of present) {
      for (const [b, pb] of present) {
        if (a < b && Math.hypot(pa.x - pb.x, pa.y - pb.y) < reach)
          [a, b].forEach((id) => touched.add(id));
      }
    }
    for (const event of this.world.events)
      if (event.type === 'dash-hit') touched.add(event.victimId);
    return touched;
  }

  private recordTruth(): void {
    const { tick, players } = this.world;
    this.positions[tick] = new Map(players.map((p) => [p.id, { x: p.x, y: p.y }]));
    this.states[tick] = players.map((p) => ({ ...p }));
  }

  private recordHits(taken: ReadonlyMap<number, TakenInput>): void {
    for (const event of this.world.events) {
      if (event.type !== 'dash-hit') continue;
      const attackerSeq = taken.get(event.attackerId)?.seq ?? -1;
      const { attackerId, victimId } = event;
      this.hits.push({ attackerId, victimId, attackerSeq, tick: this.world.tick });
    }
  }

  private snapshot(nowMs: number): Snapshot {
    const w = this.world;
    return {
      tick: w.tick,
      serverTimeMs: nowMs,
      round: { ...w.round },
      players: w.players.map((p) => ({ ...p, connected: true })),
      coins: w.coins.map((c) => ({ ...c })),
      acks: [...this.slots].map(([playerId, s]) => ({ playerId, seq: s.ackedSeq })),
    };
  }

  /** Whether any of player `id`'s slots after `afterSeq` up to `toSeq` was disturbed. */
  disturbedBetween(id: number, afterSeq: number, toSeq: number): boolean {
    const disturbed = this.disturbedSlots.get(id);
    if (!disturbed) return false;
    for (let seq = afterSeq + 1; seq <= toSeq; seq++) if (disturbed.has(seq)) return true;
    return false;
  }

  /** Fastest any player moved between ticks `from` and `to` (px/s), from the true history. */
  trueSpeed(id: number, fromTick: number, toTick: number): number {
    let fastest = 0;
    for (let t = Math.max(1, fromTick); t <= Math.min(toTick, this.world.tick); t++) {
      const a = this.positions[t - 1]?.get(id);
      const b = this.positions[t]?.get(id);
      if (a && b)
        fastest = Math.max(fastest, Math.hypot(b.x - a.x, b.y - a.y) / (this.tickMs / 1000));
    }
    return fastest;
  }
}

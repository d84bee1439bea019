/**
 * The authoritative half of a room: the world, each player's input slots, one tick through
 * the netcode's `ServerTick` (lag-compensated dash hits), and the snapshot that describes
 * the result. No sockets here, so it is easy to test and to checkpoint.
 *
 * Each player's input `seq` n runs on its own tick (`InputSlots`), so sending more inputs than
 * there are ticks, or lying about `seq`, never moves anyone faster: a slot is spent once, an
 * input older than the current slot is refused, and a client more than `maxBacklog` ticks
 * ahead has its oldest slots dropped.
 */
import { SnapshotEncoder, worldSnapshotSource, type EncodedSnapshot } from '@arena/shared/protocol';
import {
  InputSlots,
  LAG_COMP_MAX_REWIND_MS,
  LagCompensation,
  type InputSlotsStats,
  ServerTick,
  type StepFunction,
} from '@arena/shared/netcode/server';
import {
  addPlayer,
  cloneWorld,
  createWorld,
  removePlayer,
  ticksToComeToRest,
  type SimConfig,
  type World,
} from '@arena/shared/sim';

export interface ReceivedInput {
  seq: number;
  buttons: number;
  /** The tick the client was drawing others at: where its dash hits are judged. */
  viewTick?: number | undefined;
  /** How far past `viewTick` it was extrapolating them (ms); 0 or absent: interpolating. */
  viewAheadMs?: number;
}

export type InputResult =
  'queued' | 'reanchored' | 'late' | 'held' | 'duplicate' | 'unknown-player';

export interface RoomTickResult {
  world: World;
  /** Slots whose input had arrived (a guess repeats buttons; it applies no input). */
  inputsApplied: number;
  /** Inputs in slots skipped because a client ran ahead of the server: they never run. */
  inputsDropped: number;
}

/** How each player's input slots hold inputs back, and how far ahead they may run. */
export interface InputSlotLimits {
  /** Ticks a first input waits before it is applied: the jitter buffer. */
  bufferTicks: number;
  /** The least buffer a clean link's slots shrink to (at most `bufferTicks`; default 1). */
  minBufferTicks?: number;
  /** Ticks ahead of the server a client's inputs may run before the oldest are dropped. */
  maxBacklog: number;
}

export class RoomSimulation {
  world: World;
  /** Each snapshot is a delta against the one before, for everyone; keyframes on demand. */
  private readonly snapshots: SnapshotEncoder;
  private readonly connectedById = new Map<number, boolean>();
  /** Idle ticks after which a player is at rest: only then may its buffer shrink. */
  private readonly restTicks: number;
  private readonly tickMs: number;
  /** Every player's recent positions, so a dash is judged where the attacker saw its victim. */
  readonly lagCompensation: LagCompensation;
  /** Each player's input slots, and what a tick reuses from one tick to the next. */
  private readonly serverTick: ServerTick;
  /**
   * Called after each tick for every input it ran that had arrived (not a guess), with how
   * long it waited at the server (ms): the room's metrics listen.
   */
  onInputRan: ((waitedMs: number) => void) | undefined;
  /** What `tick` returns: one object, rewritten each tick (read it before the next). */
  private readonly lastTick: RoomTickResult;
  /** What the snapshot encoder reads: the world as it is, nothing copied. */
  private readonly snapshotSource = worldSnapshotSource(
    () => this.world,
    (playerId) => this.isConnected(playerId),
    (playerId) => this.ackedSeq(playerId),
  );

  /** `step` is the game's own fixed-step function, or what a test wraps around it. */
  constructor(
    seed: number,
    simConfig: SimConfig,
    private readonly slotLimits: InputSlotLimits,
    step: StepFunction,
  ) {
    this.world = createWorld(seed, simConfig);
    // The netcode's default bound (1 s): docs/NETCODE.md shows 200 ms misses most hits on a far link.
    this.lagCompensation = new LagCompensation(
      1000 / simConfig.tickRateHz,
      LAG_COMP_MAX_REWIND_MS,
      simConfig,
    );
    this.snapshots = new SnapshotEncoder(simConfig.tickRateHz);
    this.restTicks = ticksToComeToRest(simConfig);
    this.tickMs = 1000 / simConfig.tickRateHz;
    this.serverTick = new ServerTick(this.lagCompensation, step);
    this.lastTick = { world: this.world, inputsApplied: 0, inputsDropped: 0 };
  }

  addPlayer(id: number): void {
    this.world = addPlayer(this.world, id);
    this.serverTick.add(id, this.newSlots());
    this.connectedById.set(id, true);
  }

  private newSlots(): InputSlots {
    const { bufferTicks, maxBacklog, minBufferTicks } = this.slotLimits;
    return new InputSlots(bufferTicks, maxBacklog, {
      minBufferTicks,
      restTicks: this.restTicks,
      tickMs: this.tickMs,
    });
  }

  removePlayer(id: number): void {
    this.world = removePlayer(this.world, id);
    this.serverTick.remove(id);
    this.connectedById.delete(id);
  }

  /**
   * Runs on from a saved world whose players are `ids`, all away until they come back; input
   * slots and lag-compensation history start afresh.
   */
  restore(world: World, ids: readonly number[]): void {
    // A copy: this room steps its world in place, and `world` may be another's checkpoint.
    this.world = cloneWorld(world);
    for (const id of ids) {
      this.serverTick.add(id, this.newSlots());
      this.connectedById.set(id, false);
    }
  }

  setConnected(id: number, connected: boolean): void {
    this.connectedById.set(id, connected);
    // A fresh connection counts its inputs from scratch; a dropped one holds no buttons.
    this.serverTick.slotsOf(id)?.reset();
  }

  receiveInput(id: number, input: ReceivedInput): InputResult {
    const slots = this.serverTick.slotsOf(id);
    if (!slots) return 'unknown-player';
    // Its arrival is kept with it (a repeated seq does not overwrite its first), for its wait.
    const { seq, buttons, viewTick, viewAheadMs } = input;
    return slots.receive(seq, buttons, viewTick, viewAheadMs, performance.now());
  }

  /** How a player's inputs fared (arrived, guessed, late, re-anchored); undefined: no seat. */
  inputStats(id: number): Readonly<InputSlotsStats> | undefined {
    return this.serverTick.slotsOf(id)?.stats;
  }

  /**
   * Runs one tick: every player's slot, dash hits judged where each attacker saw its victims,
   * `step` (the server's steps the world in place). Throws if the step throws; the slots of
   * that tick are spent, as they would have been, and nothing is recorded. A step that
   * throws before it changes anything (a failure a test injects) leaves the world as it was;
   * the game's own step cannot throw on game input, and one that throws part-way by a bug
   * leaves valid plain data part-way through the tick, which the room runs on (or closes).
   * The result is the same object every tick.
   */
  tick(): Readonly<RoomTickResult> {
    const result = this.lastTick;
    this.world = result.world = this.serverTick.run(this.world);
    result.inputsApplied = this.serverTick.inputsApplied;
    result.inputsDropped = this.serverTick.inputsDropped;
    if (this.onInputRan) this.reportWaits(this.onInputRan);
    return result;
  }

  private reportWaits(onInputRan: (waitedMs: number) => void): void {
    const nowMs = performance.now();
    for (const taken of this.serverTick.taken.values()) {
      if (taken.doubled) onInputRan(nowMs - taken.firstArrivedAtMs);
      if (!taken.guessed) onInputRan(nowMs - taken.arrivedAtMs);
    }
  }

  /** This tick's snapshot, read straight from the world: encoded once for the whole room. */
  encodeSnapshot(serverTimeMs: number): EncodedSnapshot {
    return this.snapshots.encode(this.snapshotSource, serverTimeMs);
  }

  isConnected(playerId: number): boolean {
    return this.connectedById.get(playerId) ?? false;
  }

  ackedSeq(playerId: number): number {
    return this.serverTick.slotsOf(playerId)?.ackedSeq ?? 0;
  }
}

/**
 * One room of the floor server: the game's own world and step (`@arena/shared/sim`'s
 * `stepInPlace`, as Arena's rooms run it), one queued input per member per tick, and the
 * snapshot in the project's own codec: Arena's `SnapshotEncoder`, so a delta for each member
 * that holds the previous snapshot and a keyframe for one that does not (it just came in, or
 * was skipped as a slow reader), the same bytes Arena sends. No sockets here: a member is an
 * id, its inputs and a function that sends a snapshot, framed once per room.
 *
 * Inputs are the simplest scheme that plays well: a short first-in-first-out queue per member,
 * one input taken per tick (the last buttons repeated when none is waiting), acknowledged in
 * the snapshot of the tick that applied it. No jitter buffer: the floor's input-to-ack latency
 * is the round trip plus the wait for the next tick.
 */
import {
  SnapshotEncoder,
  worldSnapshotSource,
  type EncodedSnapshot,
  type SnapshotSource,
} from '@arena/shared/protocol';
import {
  DEFAULT_SIM_CONFIG,
  addPlayer,
  createWorld,
  removePlayer,
  stepInPlace,
  type World,
} from '@arena/shared/sim';

/** Inputs waiting per member; past it the oldest is dropped (a client running ahead). */
export const FLOOR_INPUT_QUEUE = 3;

export interface FloorInputCounters {
  received: number;
  /** Seq not above one already received: a duplicate or out of order. */
  stale: number;
  /** Dropped from a full queue. */
  dropped: number;
}

export class FloorInputQueue {
  private readonly queue: { seq: number; buttons: number; arrivedAtMs: number }[] = [];
  private newestSeq = 0;
  private buttons = 0;
  ackedSeq = 0;

  constructor(
    private readonly counters: FloorInputCounters,
    /** Told how long each input waited, from its arrival to the tick that takes it (ms). */
    private readonly onInputRan?: (waitedMs: number) => void,
  ) {}

  receive(seq: number, buttons: number): void {
    this.counters.received += 1;
    if (seq <= this.newestSeq) {
      this.counters.stale += 1;
      return;
    }
    this.newestSeq = seq;
    this.queue.push({ seq, buttons, arrivedAtMs: performance.now() });
    if (this.queue.length > FLOOR_INPUT_QUEUE) {
      this.queue.shift();
      this.counters.dropped += 1;
    }
  }

  /** This tick's buttons: the oldest waiting input, else the last ones again. */
  take(): number {
    const next = this.queue.shift();
    if (next) {
      this.buttons = next.buttons;
      this.ackedSeq = next.seq;
      this.onInputRan?.(performance.now() - next.arrivedAtMs);
    }
    return this.buttons;
  }
}

export interface FloorMember {
  id: number;
  inputs: FloorInputQueue;
  /** Writes a framed snapshot; false if the member was skipped (a slow reader). */
  send: (frame: Buffer) => boolean;
}

/** Frames a snapshot once for every member (the server's WebSocket framing). */
export type FloorFramer = (snapshot: Uint8Array) => Buffer;

export class FloorRoom {
  private world: World;
  private readonly members = new Map<number, FloorMember>();
  private readonly encoder = new SnapshotEncoder(DEFAULT_SIM_CONFIG.tickRateHz);
  /** The tick of the last snapshot each member was written (absent: it needs a keyframe). */
  private readonly lastSent = new Map<number, number>();
  private readonly source: SnapshotSource;

  constructor(
    seed: number,
    readonly capacity: number,
  ) {
    this.world = createWorld(seed);
    this.source = worldSnapshotSource(
      () => this.world,
      () => true,
      (id) => this.members.get(id)?.inputs.ackedSeq ?? 0,
    );
  }

  get size(): number {
    return this.members.size;
  }

  get full(): boolean {
    return this.members.size >= this.capacity;
  }

  add(member: FloorMember): void {
    this.members.set(member.id, member);
    this.world = addPlayer(this.world, member.id);
  }

  remove(id: number): void {
    this.members.delete(id);
    this.lastSent.delete(id);
    this.world = removePlayer(this.world, id);
  }

  /** Steps the world with each member's input. */
  step(): void {
    const inputs = new Map<number, number>();
    for (const member of this.members.values()) inputs.set(member.id, member.inputs.take());
    stepInPlace(this.world, inputs);
  }

  /** The snapshot of the last step, every member's ack included: encoded once for the room. */
  encodeSnapshot(serverTimeMs: number): EncodedSnapshot {
    return this.encoder.encode(this.source, serverTimeMs);
  }

  /**
   * Sends `snapshot` to every member, each framing made once: the delta to those that hold its
   * base, the keyframe to the others. Returns the snapshot bytes written, summed over members.
   */
  broadcast(snapshot: EncodedSnapshot, frame: FloorFramer): number {
    let delta: Buffer | undefined;
    let keyframe: Buffer | undefined;
    let bytes = 0;
    for (const member of this.members.values()) {
      const inStep = snapshot.delta && this.lastSent.get(member.id) === snapshot.baseTick;
      const payload = inStep ? snapshot.delta! : snapshot.keyframe();
      const framed = inStep ? (delta ??= frame(payload)) : (keyframe ??= frame(payload));
      if (member.send(framed)) {
        this.lastSent.set(member.id, snapshot.tick);
        bytes += payload.byteLength;
      } else this.lastSent.delete(member.id);
    }
    return bytes;
  }
}

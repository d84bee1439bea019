/**
 * One room of the floor server: the game's own world and `step` (`@arena/shared/sim`), one
 * queued input per member per tick, and the snapshot in the project's own codec. No sockets
 * here: a member is an id, its inputs and a function that sends a frame.
 *
 * Inputs are the simplest scheme that plays well: a short first-in-first-out queue per member,
 * one input taken per tick (the last buttons repeated when none is waiting), acknowledged in
 * the snapshot of the tick that applied it. No jitter buffer: the floor's input-to-ack latency
 * is the round trip plus the wait for the next tick.
 */
import { encodeSnapshot, type Snapshot } from '@arena/shared/protocol';
import { addPlayer, createWorld, removePlayer, step, type World } from '@arena/shared/sim';

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
  private readonly queue: { seq: number; buttons: number }[] = [];
  private newestSeq = 0;
  private buttons = 0;
  ackedSeq = 0;

  constructor(private readonly counters: FloorInputCounters) {}

  receive(seq: number, buttons: number): void {
    this.counters.received += 1;
    if (seq <= this.newestSeq) {
      this.counters.stale += 1;
      return;
    }
    this.newestSeq = seq;
    this.queue.push({ seq, buttons });
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
    }
    return this.buttons;
  }
}

export interface FloorMember {
  id: number;
  inputs: FloorInputQueue;
  send: (frame: Buffer) => void;
}

export class FloorRoom {
  private world: World;
  private readonly members = new Map<number, FloorMember>();

  constructor(
    seed: number,
    readonly capacity: number,
  ) {
    this.world = createWorld(seed);
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
    this.world = removePlayer(this.world, id);
  }

  /** Steps the world with each member's input. */
  step(): void {
    const inputs = new Map<number, number>();
    for (const member of this.members.values()) inputs.set(member.id, member.inputs.take());
    this.world = step(this.world, inputs);
  }

  /** The snapshot of the last step, every member's ack included: one buffer for the room. */
  encodeSnapshot(serverTimeMs: number): Uint8Array {
    return encodeSnapshot(this.snapshot(serverTimeMs));
  }

  /** Sends one pre-framed buffer to every member. */
  broadcast(frame: Buffer): void {
    for (const member of this.members.values()) member.send(frame);
  }

  private snapshot(serverTimeMs: number): Snapshot {
    const { world } = this;
    const acks = [];
    for (const member of this.members.values()) {
      acks.push({ playerId: member.id, seq: member.inputs.ackedSeq });
    }
    return {
      tick: world.tick,
      serverTimeMs,
      round: world.round,
      players: world.players.map((p) => ({ ...p, connected: true })),
      coins: world.coins,
      acks,
    };
  }
}

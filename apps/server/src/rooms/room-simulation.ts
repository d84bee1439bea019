/**
 * The authoritative half of a room: the world, each player's input queue, one `step` per
 * tick, and the snapshot that describes the result. No sockets here, so it is easy to test
 * and to checkpoint.
 */
import { encodeSnapshot, type Snapshot } from '@arena/shared/protocol';
import {
  addPlayer,
  createWorld,
  removePlayer,
  step,
  type SimConfig,
  type StepOptions,
  type World,
} from '@arena/shared/sim';
import { InputQueue, type PushResult, type QueuedInput } from './input-queue.js';

export type StepFunction = (
  world: World,
  inputs: ReadonlyMap<number, number>,
  options?: StepOptions,
) => World;

export class RoomSimulation {
  world: World;
  private readonly queues = new Map<number, InputQueue>();
  private readonly connected = new Map<number, boolean>();
  /** Replaceable so a test can make one room's tick fail. */
  stepFunction: StepFunction = step;
  /** The last snapshot's encoded bytes and when it was taken (server clock, ms). */
  lastSnapshot: Uint8Array | null = null;

  constructor(
    seed: number,
    simConfig: SimConfig,
    private readonly maxBacklog: number,
  ) {
    this.world = createWorld(seed, simConfig);
  }

  addPlayer(id: number): void {
    this.world = addPlayer(this.world, id);
    this.queues.set(id, new InputQueue(this.maxBacklog));
    this.connected.set(id, true);
  }

  removePlayer(id: number): void {
    this.world = removePlayer(this.world, id);
    this.queues.delete(id);
    this.connected.delete(id);
  }

  setConnected(id: number, connected: boolean): void {
    this.connected.set(id, connected);
    // A fresh connection counts its inputs from scratch; a dropped one holds no buttons.
    this.queues.get(id)?.reset();
  }

  queueInput(id: number, input: QueuedInput): PushResult | 'unknown-player' {
    const queue = this.queues.get(id);
    return queue ? queue.push(input) : 'unknown-player';
  }

  viewTickOf(id: number): number | undefined {
    return this.queues.get(id)?.viewTick;
  }

  /** Runs one tick. Throws if the step throws; `this.world` is then unchanged. */
  tick(options: StepOptions = {}): World {
    const inputs = new Map<number, number>();
    for (const [id, queue] of this.queues) inputs.set(id, queue.take());
    this.world = this.stepFunction(this.world, inputs, options);
    return this.world;
  }

  /** Everything a client needs about this tick, acks included: one buffer for the room. */
  encodeSnapshot(serverTimeMs: number): Uint8Array {
    const snapshot: Snapshot = {
      tick: this.world.tick,
      serverTimeMs,
      round: { ...this.world.round },
      players: this.world.players.map((p) => ({
        id: p.id,
        x: p.x,
        y: p.y,
        vx: p.vx,
        vy: p.vy,
        score: p.score,
        dashTicks: p.dashTicks,
        dashCooldownTicks: p.dashCooldownTicks,
        lastButtons: p.lastButtons,
        connected: this.connected.get(p.id) ?? false,
      })),
      coins: this.world.coins.map((c) => ({ ...c })),
      acks: [...this.queues].map(([playerId, queue]) => ({ playerId, seq: queue.ackedSeq })),
    };
    this.lastSnapshot = encodeSnapshot(snapshot);
    return this.lastSnapshot;
  }
}

/**
 * One room's tick as the game loop runs it, many times a second: the simulation steps, a
 * round's end is announced with its scoreboard, and once per snapshot interval the snapshot is
 * encoded once and handed to the channel as one buffer for everyone. Contained: a throwing
 * tick is logged and sends no snapshot, and three in a row give the room up
 * (room-simulation.ts says what a throwing step leaves of the world).
 */
import type { SimEvent } from '@arena/shared/sim';
import type { Metrics } from '../metrics.js';
import type { RoomChannel } from './room-channel.js';
import { roundEndedPayload } from './room-payloads.js';
import type { RoomSimulation } from './room-simulation.js';
import type { RoomLog } from './room.js';
import type { Seat } from './seat.js';

/** Consecutive failing ticks after which a room gives up and closes. */
const MAX_CONSECUTIVE_FAILURES = 3;

/** What a room's tick needs of its room. */
export interface TickContext {
  code: string;
  sim: RoomSimulation;
  /** The seats, for the names on a round's scoreboard. */
  seats: ReadonlyMap<number, Seat>;
  channel: RoomChannel;
  log: RoomLog;
  metrics: Metrics;
  /** Simulation ticks per snapshot sent. */
  ticksPerSnapshot: number;
  /** The tick failed too many times in a row: the room must close. */
  giveUp: () => void;
}

export class RoomTick {
  private ticksSinceSnapshot = 0;
  private consecutiveFailures = 0;

  constructor(private readonly ctx: TickContext) {}

  run(serverTimeMs: number): void {
    const started = performance.now();
    try {
      const { world, inputsApplied, inputsDropped } = this.ctx.sim.tick();
      this.consecutiveFailures = 0;
      this.ctx.metrics.inputsApplied += inputsApplied;
      this.ctx.metrics.inputsDropped += inputsDropped;
      this.announce(world.events);
    } catch (error) {
      this.onFailure(error);
      return;
    }
    this.ctx.metrics.observeTick(performance.now() - started);
    this.ticksSinceSnapshot += 1;
    if (this.ticksSinceSnapshot >= this.ctx.ticksPerSnapshot) {
      this.ticksSinceSnapshot = 0;
      this.ctx.channel.broadcastSnapshot(this.ctx.sim.encodeSnapshot(serverTimeMs));
    }
  }

  private announce(events: readonly SimEvent[]): void {
    for (const event of events) {
      if (event.type !== 'round-ended') continue;
      this.ctx.channel.toAll('round:ended', roundEndedPayload(event, this.ctx.seats));
    }
  }

  private onFailure(error: unknown): void {
    this.consecutiveFailures += 1;
    this.ctx.metrics.roomFailures += 1;
    this.ctx.log.error(
      { err: error, room: this.ctx.code, failures: this.consecutiveFailures },
      'room tick failed; state kept from the previous tick',
    );
    if (this.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) this.ctx.giveUp();
  }
}

/**
 * The wire of a `NetClient` in memory, for its tests: a port that records what is sent and
 * hands events in, and the snapshots of a room of one (player 1) to feed it.
 */
import type { NetPort, NetReceiveEvent } from '../../src/netcode/net-port.js';
import type { ServerPayload } from '../../src/protocol/events.js';
import { encodeKeyframe } from '../../src/protocol/snapshot-codec.js';
import type { Snapshot } from '../../src/protocol/snapshot.js';
import { DEFAULT_SIM_CONFIG, RoundPhase } from '../../src/sim/index.js';
import { worldWith } from '../sim/fixtures.js';

export const TICK_MS = 1000 / 30;

/** The wire in memory: what was sent, in order, and a way to hand events in. */
export class MemoryPort implements NetPort {
  open = true;
  readonly sent: { event: string; payload: unknown }[] = [];
  private readonly handlers = new Map<string, (payload: never) => void>();

  send(event: string, payload: unknown): void {
    this.sent.push({ event, payload });
  }

  on<E extends NetReceiveEvent>(event: E, handler: (payload: ServerPayload<E>) => void) {
    this.handlers.set(event, handler);
    return () => this.handlers.delete(event);
  }

  deliver<E extends NetReceiveEvent>(event: E, payload: ServerPayload<E>): void {
    (this.handlers.get(event) as ((payload: ServerPayload<E>) => void) | undefined)?.(payload);
  }

  take(): { event: string; payload: unknown }[] {
    return this.sent.splice(0);
  }
}

const SELF = worldWith([{ id: 1, x: 100, y: 100 }]).players[0]!;

export function snapshot(tick: number, ack: number): Snapshot {
  return {
    tick,
    serverTimeMs: tick * TICK_MS,
    round: { number: 1, phase: RoundPhase.Playing, ticksLeft: 1000 },
    players: [{ ...SELF, connected: true }],
    coins: [],
    acks: [{ playerId: 1, seq: ack }],
  };
}

export const keyframe = (s: Snapshot) => encodeKeyframe(s, 30);

export const ROOM = { selfId: 1, config: DEFAULT_SIM_CONFIG, snapshotIntervalMs: TICK_MS };

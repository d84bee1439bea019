/**
 * One netlab run: a server, several clients, one simulated link each way per client, all on
 * one manual clock that jumps from event to event (a server tick, a client frame, a packet
 * arriving). Nothing here reads a real clock, so a run is exactly repeatable from its seed.
 */
import type { EncodedSnapshot } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG, type SimConfig } from '@arena/shared/sim';
import { type LinkProfile, SimulatedLink } from '@arena/shared/netcode/client';
import { LabClient } from './lab-client.js';
import { LabServer } from './lab-server.js';
import { downMessageBytes, type DownMessage, type UpMessage } from './messages.js';
import { createBot } from './scenario.js';
import { SeededRandom } from '@arena/devkit';
import { summarize, type LabResult } from './summary.js';

export interface LabOptions {
  profile: LinkProfile;
  seed: number;
  seconds: number;
  /** The quiet phase (nobody interacts) lasts this long; the melee follows. */
  quietSeconds: number;
  players: number;
  fps: number;
  snapshotEveryTicks: number;
  /**
   * Each snapshot goes out on this many streams that stall independently (default 1): 2 shows
   * what a second connection carrying the snapshots too would buy against one stream's stalls.
   */
  snapshotStreams?: 1 | 2;
  /** undefined: the server judges hits without lag compensation. */
  maxRewindMs: number | undefined;
  /** The server's input buffer (ticks); its default when undefined. */
  inputBufferTicks?: number;
  config?: SimConfig;
  /** Sees the finished run's server and clients (tests and debugging dig deeper here). */
  inspect?: (server: LabServer, clients: readonly LabClient[]) => void;
}

interface Endpoint {
  client: LabClient;
  up: SimulatedLink<UpMessage>;
  down: SimulatedLink<DownMessage>;
  /** The second snapshot stream, with `snapshotStreams: 2`. */
  spare: SimulatedLink<DownMessage> | undefined;
  /** The tick of the last snapshot sent down, which the next delta must be made against. */
  sentTick?: number;
}

const WARMUP_MS = 3000;

function makeEndpoints(o: LabOptions, server: LabServer, config: SimConfig): Endpoint[] {
  const random = new SeededRandom(o.seed * 7919 + 1);
  const endpoints: Endpoint[] = [];
  for (let id = 1; id <= o.players; id++) {
    const up = new SimulatedLink<UpMessage>(o.profile, o.seed * 1000 + id * 2);
    const down = new SimulatedLink<DownMessage>(o.profile, o.seed * 1000 + id * 2 + 1);
    const spare =
      o.snapshotStreams === 2
        ? new SimulatedLink<DownMessage>(o.profile, o.seed * 1000 + 500 + id)
        : undefined;
    const client = new LabClient({
      id,
      config,
      clockOffsetMs: random.between(-5000, 5000),
      joinAtMs: random.between(0, 300),
      fps: o.fps,
      snapshotIntervalMs: server.tickMs * o.snapshotEveryTicks,
      inputBufferTicks: o.inputBufferTicks,
      quietMs: o.quietSeconds * 1000,
      warmupMs: WARMUP_MS,
      bot: createBot(id, config, o.seed * 31 + id),
      uplink: up,
      truth: server,
    });
    endpoints.push({ client, up, down, spare });
  }
  return endpoints;
}

function nextEventAt(server: LabServer, endpoints: Endpoint[]): number {
  let next = server.nextTickAtMs;
  for (const { client, up, down, spare } of endpoints) {
    next = Math.min(next, client.nextFrameAtMs, up.nextDeliveryAtMs() ?? Infinity);
    next = Math.min(next, down.nextDeliveryAtMs() ?? Infinity);
    next = Math.min(next, spare?.nextDeliveryAtMs() ?? Infinity);
  }
  return next;
}

function deliver(server: LabServer, endpoints: Endpoint[], now: number): void {
  for (const { client, up, down } of endpoints) {
    for (const message of up.receive(now)) {
      const reply = server.onMessage(client.id, message, now);
      if (reply) down.send(now, reply, downMessageBytes(reply));
    }
  }
  for (const { client, down, spare } of endpoints) {
    for (const message of [...down.receive(now), ...(spare?.receive(now) ?? [])])
      client.onMessage(message, now, downMessageBytes(message));
  }
}

export function runLab(o: LabOptions): LabResult {
  const config = o.config ?? DEFAULT_SIM_CONFIG;
  const playerIds = Array.from({ length: o.players }, (_, i) => i + 1);
  const server = new LabServer({
    seed: o.seed,
    config,
    playerIds,
    snapshotEveryTicks: o.snapshotEveryTicks,
    maxRewindMs: o.maxRewindMs,
    inputBufferTicks: o.inputBufferTicks,
  });
  const endpoints = makeEndpoints(o, server, config);
  const endMs = o.seconds * 1000;
  for (let now = 0; now < endMs; now = nextEventAt(server, endpoints)) {
    deliver(server, endpoints, now);
    if (server.nextTickAtMs <= now) {
      const frame = server.tick(now);
      if (frame) broadcast(endpoints, frame, now);
    }
    for (const { client } of endpoints) if (client.nextFrameAtMs <= now) client.frame(now);
  }
  const clients = endpoints.map((e) => e.client);
  o.inspect?.(server, clients);
  return summarize(o, server, clients);
}

/**
 * As the server's fanout: the delta to whoever holds its base, the keyframe to the others. A
 * second stream stalls on its own, so it cannot carry deltas on the first one's snapshots: each
 * of its snapshots stands alone, a keyframe.
 */
function broadcast(endpoints: Endpoint[], snapshot: EncodedSnapshot, now: number): void {
  for (const endpoint of endpoints) {
    if (now < endpoint.client.joinAtMs) continue;
    const inStep = snapshot.delta && endpoint.sentTick === snapshot.baseTick;
    const frame = inStep ? snapshot.delta! : snapshot.keyframe();
    const message: DownMessage = { kind: 'snapshot', frame };
    endpoint.down.send(now, message, downMessageBytes(message));
    endpoint.sentTick = snapshot.tick;
    if (!endpoint.spare) continue;
    const whole: DownMessage = { kind: 'snapshot', frame: snapshot.keyframe() };
    endpoint.spare.send(now, whole, downMessageBytes(whole));
  }
}

/**
 * One netlab run: a server, several clients, one simulated link each way per client, all on
 * one manual clock that jumps from event to event (a server tick, a client frame, a packet
 * arriving). Nothing here reads a real clock, so a run is exactly repeatable from its seed.
 */
import type { EncodedSnapshot } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG, type SimConfig } from '@arena/shared/sim';
import type { LinkProfile } from '@arena/shared/netcode/client';
import { CLOCK_CHECK_AFTER_MS, LabClient } from './lab-client.js';
import { LabServer } from './lab-server.js';
import { downMessageBytes, type DownMessage, type UpMessage } from './messages.js';
import { createBot } from './scenario.js';
import { SeededRandom } from '@arena/devkit';
import { summarize, type LabResult } from './summary.js';
import { bracketErrorMs, TimedLink } from './timed-link.js';

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
   * 2: every client opens a snapshot mirror, as the game's does (a second connection that
   * carries the snapshots, its own deltas, and pings), which stalls apart from the first.
   * Default 1: one connection.
   */
  snapshotStreams?: 1 | 2;
  /** undefined: the server judges hits without lag compensation. */
  maxRewindMs: number | undefined;
  /** The server's input buffer (ticks); its default when undefined. */
  inputBufferTicks?: number;
  /** The least buffer a clean link's slots shrink to (ticks); the server's default when undefined. */
  inputBufferMinTicks?: number;
  config?: SimConfig;
  /** Sees the finished run's server and clients (tests and debugging dig deeper here). */
  inspect?: (server: LabServer, clients: readonly LabClient[]) => void;
}

/** One connection's links, and the last snapshot sent down it (the next delta's base). */
interface Connection {
  up: TimedLink<UpMessage>;
  down: TimedLink<DownMessage>;
  sentTick?: number;
}

interface Endpoint {
  client: LabClient;
  main: Connection;
  /** The snapshot mirror's connection, with `snapshotStreams: 2`. */
  mirror: Connection | undefined;
}

const WARMUP_MS = 3000;

function makeEndpoints(o: LabOptions, server: LabServer, config: SimConfig): Endpoint[] {
  const random = new SeededRandom(o.seed * 7919 + 1);
  const endpoints: Endpoint[] = [];
  for (let id = 1; id <= o.players; id++) {
    const up = new TimedLink<UpMessage>(o.profile, o.seed * 1000 + id * 2);
    const down = new TimedLink<DownMessage>(o.profile, o.seed * 1000 + id * 2 + 1);
    const mirror: Connection | undefined =
      o.snapshotStreams === 2
        ? {
            up: new TimedLink<UpMessage>(o.profile, o.seed * 1000 + 700 + id),
            down: new TimedLink<DownMessage>(o.profile, o.seed * 1000 + 500 + id),
          }
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
      mirrorUplink: mirror?.up,
      truth: server,
    });
    const endpoint = { client, main: { up, down }, mirror };
    const clockCheckAtMs = client.joinAtMs + CLOCK_CHECK_AFTER_MS;
    for (const link of linksOf(endpoint)) link.deadlineMs = clockCheckAtMs;
    endpoints.push(endpoint);
  }
  return endpoints;
}

const linksOf = (endpoint: Endpoint) => connectionsOf(endpoint).flatMap((c) => [c.up, c.down]);

const connectionsOf = ({ main, mirror }: Endpoint): Connection[] =>
  mirror ? [main, mirror] : [main];

function nextEventAt(server: LabServer, endpoints: Endpoint[]): number {
  let next = server.nextTickAtMs;
  for (const endpoint of endpoints) {
    next = Math.min(next, endpoint.client.nextFrameAtMs);
    for (const { up, down } of connectionsOf(endpoint)) {
      next = Math.min(next, up.nextDeliveryAtMs() ?? Infinity, down.nextDeliveryAtMs() ?? Infinity);
    }
  }
  return next;
}

/** Uplinks first (a pong goes back down the connection its ping came on), then downlinks. */
function deliver(server: LabServer, endpoints: Endpoint[], now: number): void {
  for (const endpoint of endpoints) {
    for (const { up, down } of connectionsOf(endpoint)) {
      for (const message of up.receive(now)) {
        const reply = server.onMessage(endpoint.client.id, message, now);
        if (reply) down.send(now, reply, downMessageBytes(reply));
      }
    }
  }
  for (const { client, main, mirror } of endpoints) {
    for (const message of main.down.receive(now)) client.onMessage(message, now);
    for (const message of mirror?.down.receive(now) ?? []) client.onMirrorMessage(message, now);
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
    inputBufferMinTicks: o.inputBufferMinTicks,
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
  for (const endpoint of endpoints) {
    const connections = connectionsOf(endpoint);
    endpoint.client.metrics.clockBracketErrorAt2sMs = bracketErrorMs(
      connections.map((c) => c.up),
      connections.map((c) => c.down),
    );
  }
  const clients = endpoints.map((e) => e.client);
  o.inspect?.(server, clients);
  return summarize(o, server, clients);
}

/**
 * As the server's fanout: on each connection (the main one, the mirror) the delta to whoever
 * holds its base on that connection, the keyframe otherwise (the first one sent there).
 */
function broadcast(endpoints: Endpoint[], snapshot: EncodedSnapshot, now: number): void {
  for (const endpoint of endpoints) {
    if (now < endpoint.client.joinAtMs) continue;
    for (const connection of connectionsOf(endpoint)) {
      const inStep = snapshot.delta && connection.sentTick === snapshot.baseTick;
      const frame = inStep ? snapshot.delta! : snapshot.keyframe();
      const message: DownMessage = { kind: 'snapshot', frame };
      connection.down.send(now, message, downMessageBytes(message));
      connection.sentTick = snapshot.tick;
    }
  }
}

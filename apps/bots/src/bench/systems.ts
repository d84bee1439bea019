/**
 * The systems the bench compares, each started as a process of its own so that the CPU,
 * memory and bytes read from /proc are that server's alone: Arena as a host runs it (from
 * source, default settings but for the room size and connection limits), and the raw-`ws`
 * floor (floor/), playing the same game with the same snapshot bytes.
 */
import { startServerProcess } from '@arena/devkit';
import { INPUT_BUFFER_TICKS } from '@arena/shared/netcode/server';
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
import { forkTypeScript, request, stopChild } from './child-process.js';
import type { FloorReply } from './floor/floor-main.js';
import { sampleServer, type HistogramBucket } from './server-metrics.js';

export const SystemName = { Floor: 'floor', Arena: 'arena' } as const;
export type SystemName = (typeof SystemName)[keyof typeof SystemName];

/** What a server counts about itself (cumulative, but the lag: since the previous reading). */
export interface ServerCounters {
  clients: number;
  rooms: number;
  /** Duration of one room's tick (the sim step with its inputs), as histogram buckets. */
  tickBuckets: HistogramBucket[];
  /** How long each input that ran waited at the server (arrival to its tick), as buckets. */
  inputWaitBuckets: HistogramBucket[];
  /** Inputs refused or thrown away: late, duplicate, or past a full backlog. */
  inputsDropped: number;
  eventLoopLagP99Ms: number;
}

export interface RunningSystem {
  name: SystemName;
  url: string;
  pid: number;
  /** How long inputs wait on purpose before they run (a jitter buffer); not a cost. */
  inputBufferMs: number;
  counters: () => Promise<ServerCounters>;
  output: () => string;
  stop: () => Promise<void>;
}

export interface SystemOptions {
  clients: number;
  playersPerRoom: number;
  /** Options for Node itself in the server's process (a `--cpu-prof`). */
  nodeArgs?: string[];
}

const TICK_MS = 1000 / DEFAULT_SIM_CONFIG.tickRateHz;
/** prom-client's event-loop timer interval, which its delay figures include. */
const PROM_CLIENT_RESOLUTION_MS = 10;
const START_TIMEOUT_MS = 30_000;

async function startArena(options: SystemOptions): Promise<RunningSystem> {
  const headroom = options.clients + 50;
  const server = await startServerProcess({
    env: {
      MAX_PLAYERS_PER_ROOM: String(options.playersPerRoom),
      MAX_CONNECTIONS: String(headroom),
      MAX_CONNECTIONS_PER_IP: String(headroom),
      MAX_ROOMS: String(Math.ceil(options.clients / options.playersPerRoom) + 10),
      // Every bot comes from loopback: the per-address room limits are lifted too.
      MAX_ROOMS_PER_IP: '10000',
      ROOMS_OPENED_PER_MIN_PER_IP: '10000',
    },
    timeoutMs: START_TIMEOUT_MS,
    nodeArgs: options.nodeArgs,
  });
  return {
    name: SystemName.Arena,
    url: server.url,
    pid: server.child.pid!,
    inputBufferMs: INPUT_BUFFER_TICKS * TICK_MS,
    counters: async () => {
      const s = await sampleServer(server.url);
      const lagMs = s.eventLoopDelayP99Seconds * 1000 - PROM_CLIENT_RESOLUTION_MS;
      return {
        clients: s.players,
        rooms: s.rooms,
        tickBuckets: s.tickBuckets,
        inputWaitBuckets: s.inputWaitBuckets,
        inputsDropped: s.inputsDropped,
        eventLoopLagP99Ms: Math.max(0, lagMs),
      };
    },
    output: server.output,
    stop: server.stop,
  };
}

async function startFloor(options: SystemOptions): Promise<RunningSystem> {
  const child = forkTypeScript(
    new URL('./floor/floor-main.ts', import.meta.url),
    { FLOOR_PLAYERS_PER_ROOM: String(options.playersPerRoom) },
    options.nodeArgs,
  );
  const { port } = await request<FloorReply, 'listening'>(
    child,
    null,
    'listening',
    START_TIMEOUT_MS,
  );
  return {
    name: SystemName.Floor,
    url: `ws://127.0.0.1:${port}`,
    pid: child.process.pid!,
    inputBufferMs: 0,
    counters: async () => {
      const { counters: c } = await request<FloorReply, 'counters'>(
        child,
        { type: 'counters' },
        'counters',
        10_000,
      );
      return {
        clients: c.clients,
        rooms: c.rooms,
        tickBuckets: c.tickBuckets,
        inputWaitBuckets: c.inputWaitBuckets,
        inputsDropped: c.inputs.stale + c.inputs.dropped,
        eventLoopLagP99Ms: c.eventLoopLagP99Ms,
      };
    },
    output: child.output,
    stop: () => stopChild(child),
  };
}

export function startSystem(name: SystemName, options: SystemOptions): Promise<RunningSystem> {
  return name === SystemName.Floor ? startFloor(options) : startArena(options);
}

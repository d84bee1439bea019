/**
 * One scenario of the cluster benchmark: its server processes (with a `redis-server` of its
 * own when it is a cluster), the same load of bots, a measured window, and (if asked) the
 * owner of half the rooms killed with SIGKILL while probes on the other process watch.
 */
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { startLocalRedis, type LocalRedis } from '@arena/server';
import { sampleProcesses } from './metrics-text.js';
import { sampleRedis } from './redis-stats.js';
import { summarize, type Sample, type ScenarioResult, type Takeover } from './summary.js';
import { startSwarm, type Swarm } from './swarm.js';
import { TakeoverProbe } from './takeover-probe.js';

export interface Scenario {
  name: string;
  processes: number;
  redis: boolean;
  /** Half of each room's players on another process than the room's owner. */
  crossed: boolean;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'one process', processes: 1, redis: false, crossed: false },
  { name: 'one process + Redis', processes: 1, redis: true, crossed: false },
  { name: 'two processes, each room whole on one', processes: 2, redis: true, crossed: false },
  { name: 'two processes, players crossed', processes: 2, redis: true, crossed: true },
];

export interface BenchOptions {
  players: number;
  seconds: number;
  warmupSeconds: number;
  perRoom: number;
  workers: number;
  kill: boolean;
  log: (line: string) => void;
}

/** A start may take long on a loaded machine: tsx compiles the server on the way. */
const START_TIMEOUT_MS = 60_000;
const TAKEOVER_WAIT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runScenario(
  scenario: Scenario,
  options: BenchOptions,
): Promise<ScenarioResult> {
  const rooms = Math.ceil(options.players / options.perRoom);
  const redis = scenario.redis ? await startLocalRedis() : undefined;
  const servers: ServerProcess[] = [];
  let swarm: Swarm | undefined;
  try {
    servers.push(...(await startServers(scenario.processes, redis, options, rooms)));
    options.log(`${scenario.name}: ${options.players} players in ${rooms} rooms`);
    const urls = servers.map((s) => s.url);
    swarm = await startSwarm({ ...options, urls, rooms, crossed: scenario.crossed });
    await sleep(options.warmupSeconds * 1000);
    swarm.reset();
    const before = await sampleAll(urls, redis);
    options.log(`${scenario.name}: measuring for ${options.seconds} s`);
    await sleep(options.seconds * 1000);
    const after = await sampleAll(urls, redis);
    const result = summarize(scenario.name, before, after, swarm.stats(), swarm.failures());
    if (options.kill && servers.length > 1) {
      const owned = swarm.rooms.filter((room) => room.owner === 0).map((room) => room.code);
      result.takeover = await killOwner(servers, owned, options);
    }
    return result;
  } finally {
    await swarm?.stop();
    await Promise.all(servers.map((server) => server.kill()));
    await redis?.stop();
  }
}

function startServers(
  count: number,
  redis: LocalRedis | undefined,
  options: BenchOptions,
  rooms: number,
): Promise<ServerProcess[]> {
  const env: Record<string, string> = {
    // One seat spare per room, for a takeover probe.
    MAX_PLAYERS_PER_ROOM: String(options.perRoom + 1),
    MAX_CONNECTIONS_PER_IP: String(options.players + rooms + 50),
    MAX_ROOMS: String(rooms + 10),
    // Every bot connects from loopback: one address opens every room.
    MAX_ROOMS_PER_IP: String(rooms + 10),
    ROOMS_OPENED_PER_MIN_PER_IP: '10000',
    ...(redis ? { REDIS_URL: redis.url } : {}),
  };
  const start = () => startServerProcess({ env, timeoutMs: START_TIMEOUT_MS });
  return Promise.all(Array.from({ length: count }, start));
}

async function sampleAll(urls: readonly string[], redis: LocalRedis | undefined): Promise<Sample> {
  return {
    processes: await sampleProcesses(urls),
    redis: redis ? sampleRedis(redis.port) : null,
  };
}

/** Kills process 0, which owns `codes`; probes on process 1 see each of those rooms come back. */
async function killOwner(
  servers: ServerProcess[],
  codes: string[],
  options: BenchOptions,
): Promise<Takeover> {
  const probes = codes.map((code) => new TakeoverProbe(servers[1]!.url, code));
  await Promise.all(probes.map((probe) => probe.start()));
  // Long enough for a checkpoint that holds the probes' seats.
  await sleep(2000);
  options.log(`killing process 0 (SIGKILL), the owner of ${codes.length} rooms`);
  for (const probe of probes) probe.killed();
  servers[0]!.child.kill('SIGKILL');
  const deadline = performance.now() + TAKEOVER_WAIT_MS;
  while (probes.some((p) => !p.result()) && performance.now() < deadline) await sleep(100);
  for (const probe of probes) probe.stop();
  const seen = probes.map((p) => p.result()).filter((r) => r !== null);
  // What the survivor said about a room that did not come back is where to start looking.
  for (const [i, probe] of probes.entries()) {
    if (probe.result()) continue;
    const about = servers[1]!
      .stdout()
      .split('\n')
      .filter((line) => line.includes(codes[i]!));
    options.log(`room ${codes[i]} did not come back; the survivor's log:\n${about.join('\n')}`);
  }
  return { rooms: codes.length, seen };
}

/**
 * A cluster for one test file: a real `redis-server` and several real server processes that
 * share it (REDIS_URL), each on its own loopback port, all stopped by PID afterwards. Plus
 * what the cluster tests read: metrics, a room's lease in Redis, and a player that keeps the
 * history of the snapshots it saw (tick and scores) and can walk towards the nearest coin.
 */
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { Button, encodeInput, type ServerPayload, type Snapshot } from '@arena/shared/protocol';
import { snapshotOf, waitForSnapshot, type PlayerSocket } from './player.js';
import { startRedis, type RedisServer } from './redis-process.js';

/** Starts can take long on a loaded machine (tsx compiles the server on the way). */
const START_TIMEOUT_MS = 60_000;

export interface TestCluster {
  redis: RedisServer;
  servers: ServerProcess[];
  /** Starts one more server process of the cluster. */
  add: (env?: Record<string, string>) => Promise<ServerProcess>;
  stop: () => Promise<void>;
}

/**
 * Every test player connects from loopback, one address: the per-address room limits would
 * soon refuse a file's rooms (a closed player's seat holds its room for the grace period).
 */
const ONE_ADDRESS_PLAYS_ALL = { MAX_ROOMS_PER_IP: '1000', ROOMS_OPENED_PER_MIN_PER_IP: '1000' };

export async function startCluster(
  count: number,
  env: Record<string, string> = {},
): Promise<TestCluster> {
  const redis = await startRedis();
  const servers: ServerProcess[] = [];
  const add = async (more: Record<string, string> = {}) => {
    const server = await startServerProcess({
      env: { REDIS_URL: redis.url, ...ONE_ADDRESS_PLAYS_ALL, ...env, ...more },
      timeoutMs: START_TIMEOUT_MS,
    });
    servers.push(server);
    return server;
  };
  const stop = async () => {
    await Promise.all(servers.map((server) => server.kill()));
    await redis.stop();
  };
  // If one process fails to start, the test gets no cluster to stop: stop what did start.
  const started = await Promise.allSettled(Array.from({ length: count }, () => add()));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { redis, servers, add, stop };
}

/** The first two processes of a cluster. */
export function twoOf(cluster: TestCluster): [ServerProcess, ServerProcess] {
  const [a, b] = cluster.servers;
  if (!a || !b) throw new Error('the cluster has fewer than two processes');
  return [a, b];
}

/** One sample of a metric (the first line that starts with `series`), 0 if absent. */
export async function metric(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** The process id and epoch of a room's lease, as Redis holds it; null if nobody holds it. */
export function leaseOf(
  cluster: TestCluster,
  code: string,
): { owner: string; epoch: number } | null {
  const value = cluster.redis.cli('GET', `arena:room:{${code}}:lease`);
  if (!value) return null;
  const [owner, epoch] = value.split(' ');
  return { owner: owner!, epoch: Number(epoch) };
}

/** Every snapshot a socket received, decoded, in arrival order. */
export function recordSnapshots(socket: PlayerSocket): Snapshot[] {
  const seen: Snapshot[] = [];
  socket.on('state:snapshot', (frame: ServerPayload<'state:snapshot'>) =>
    seen.push(snapshotOf(frame)),
  );
  return seen;
}

/** Each player's score in a snapshot, by id. */
export function scoresOf(snapshot: Snapshot): Record<number, number> {
  return Object.fromEntries(snapshot.players.map((p) => [p.id, p.score]));
}

/** The buttons that walk player `id` towards the nearest coin (none without coins). */
export function towardsCoin(snapshot: Snapshot, id: number): number {
  const self = snapshot.players.find((p) => p.id === id);
  if (!self || snapshot.coins.length === 0) return 0;
  const distance = (c: { x: number; y: number }) => Math.hypot(c.x - self.x, c.y - self.y);
  const coin = snapshot.coins.reduce((a, b) => (distance(a) <= distance(b) ? a : b));
  let buttons = 0;
  if (coin.x > self.x + 4) buttons |= Button.Right;
  if (coin.x < self.x - 4) buttons |= Button.Left;
  if (coin.y > self.y + 4) buttons |= Button.Down;
  if (coin.y < self.y - 4) buttons |= Button.Up;
  return buttons;
}

/**
 * Sends one input per snapshot for player `id`, steering it with `steer` (towards coins by
 * default), until the returned function is called; that sends a last input with no buttons,
 * since the server repeats a player's last buttons while no input comes. Seqs count up from
 * `firstSeq`.
 */
export function drive(
  socket: PlayerSocket,
  id: number,
  steer: (snapshot: Snapshot) => number = (s) => towardsCoin(s, id),
  firstSeq = 1,
): () => void {
  let seq = firstSeq;
  const onSnapshot = (frame: ServerPayload<'state:snapshot'>) => {
    socket.emit('player:input', encodeInput({ seq: seq++, buttons: steer(snapshotOf(frame)) }));
  };
  socket.on('state:snapshot', onSnapshot);
  return () => {
    socket.off('state:snapshot', onSnapshot);
    socket.emit('player:input', encodeInput({ seq: seq++, buttons: 0 }));
  };
}

/**
 * Players walk to coins until one of them has scored, then stand still for `stillMs`, so that
 * the room's last checkpoint holds the scores they see. Standing still matters: a takeover
 * runs the ticks since that checkpoint again without the inputs that were in flight, so only
 * players who hold no buttons do the same in those ticks again.
 */
export async function playUntilScored(
  players: { socket: PlayerSocket; id: number }[],
  stillMs = 2500,
): Promise<void> {
  const stops = players.map(({ socket, id }) => drive(socket, id));
  await waitForSnapshot(players[0]!.socket, (s) => s.players.some((p) => p.score > 0), 30_000);
  for (const stop of stops) stop();
  await new Promise((resolve) => setTimeout(resolve, stillMs));
}

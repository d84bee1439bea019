/**
 * The churn soak: a real server in this process (buildApp on loopback) and a crowd of
 * headless players that join, play and leave rooms in a loop for N minutes. A short warm-up
 * comes first, so what the first rooms allocate once (compiled code, caches) is not counted.
 * After the warm-up and again at the end, every player is gone and the server has settled;
 * the two censuses must match: no rooms, players, sockets, timers or listeners left over,
 * and the heap back near where it was.
 *
 * The players run in this thread too: a leak on either side shows in the same census.
 */
import { ackLatencyMs, emptyStats, type BotClient, type BotStats } from '@arena/bots';
import { SeededRandom } from '@arena/devkit';
import { buildApp, testConfig, type BuiltApp, type ServerConfig } from '@arena/server';
import { findLeaks, heapAllowance, obtainGc, takeCensus, type Census } from './census.js';
import { EXPECTED_ERRORS, ExpectedRefusal, SCENARIOS, type ScenarioContext } from './scenarios.js';

export interface SoakOptions {
  minutes: number;
  /** Players churning at once. */
  bots?: number;
  seed?: number;
  /** Longest a player stays in a room, in ms. */
  maxPlayMs?: number;
  /** Server settings on top of the soak's own (short grace and rounds, small rooms). */
  config?: Partial<ServerConfig>;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
}

export interface ScenarioTally {
  runs: number;
  refused: number;
  failed: number;
}

export interface SoakReport {
  ok: boolean;
  minutes: number;
  durationS: number;
  bots: number;
  seed: number;
  scenarios: Record<string, ScenarioTally>;
  failures: Record<string, number>;
  traffic: {
    connects: number;
    joins: number;
    inputsSent: number;
    snapshots: number;
    chatsSent: number;
    ackP50Ms: number | null;
    ackP99Ms: number | null;
  };
  botErrors: Record<string, number>;
  drops: Record<string, number>;
  server: {
    peakRooms: number;
    peakSockets: number;
    roomFailures: number;
    inputsApplied: number;
    inputsDropped: number;
    snapshotsSent: number;
    errorsSent: Record<string, number>;
  };
  heap: {
    baselineMb: number;
    endMb: number;
    growthMb: number;
    allowanceMb: number;
    samples: { atS: number; heapMb: number; rooms: number; sockets: number }[];
  };
  before: Census;
  after: Census;
  leaks: string[];
  problems: string[];
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Churn {
  readonly stats: BotStats = emptyStats();
  readonly tallies: Record<string, ScenarioTally> = {};
  readonly failures: Record<string, number> = {};
  private id = 0;

  constructor(
    private readonly url: string,
    private readonly seed: number,
    private readonly maxPlayMs: number,
  ) {}

  /** `bots` players living scenario after scenario until `untilMs` (performance.now()). */
  async run(bots: number, untilMs: number): Promise<void> {
    await Promise.all(Array.from({ length: bots }, (_, slot) => this.slot(slot, untilMs)));
  }

  private async slot(slot: number, untilMs: number): Promise<void> {
    const seeded = new SeededRandom(this.seed + slot * 7919 + this.id);
    const random = () => seeded.next();
    const names = Object.keys(SCENARIOS);
    // Players arrive spread out, like people do, not in one burst.
    await pause(random() * 1000);
    while (performance.now() < untilMs) {
      const name = names[Math.floor(random() * names.length)]!;
      const tally = (this.tallies[name] ??= { runs: 0, refused: 0, failed: 0 });
      const clients = new Set<BotClient>();
      const ctx: ScenarioContext = {
        url: this.url,
        random,
        stats: this.stats,
        nextId: () => ++this.id,
        maxPlayMs: this.maxPlayMs,
        clients,
      };
      tally.runs += 1;
      try {
        await SCENARIOS[name]!(ctx);
      } catch (error) {
        if (error instanceof ExpectedRefusal) tally.refused += 1;
        else {
          tally.failed += 1;
          const message = `${name}: ${(error as Error).message}`;
          this.failures[message] = (this.failures[message] ?? 0) + 1;
        }
      } finally {
        for (const client of clients) client.disconnect();
      }
    }
  }
}

/** Waits until no room, socket or transport connection is left, then for handles to close. */
async function settle(built: BuiltApp, config: ServerConfig): Promise<void> {
  // Held seats and socket.io's recovery sessions both expire after the grace period.
  await pause(config.RECONNECT_GRACE_SECONDS * 1000 + 500);
  const { services } = built;
  const deadline = performance.now() + 15_000;
  const busy = () =>
    services.rooms.size > 0 ||
    services.io.of('/').sockets.size > 0 ||
    services.io.engine.clientsCount > 0;
  while (busy() && performance.now() < deadline) await pause(100);
  // Closed sockets release their handles a moment later: wait until the count holds still.
  let last = -1;
  let stable = 0;
  while (stable < 3 && performance.now() < deadline) {
    await pause(100);
    const now = process.getActiveResourcesInfo().length;
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const bots = options.bots ?? 24;
  const seed = options.seed ?? 1;
  const gc = obtainGc();
  // Short grace and rounds so held seats and round changes churn too; small rooms so rooms
  // come and go; every player comes from loopback, so the per-address limits are lifted.
  const config = testConfig({
    RECONNECT_GRACE_SECONDS: 2,
    ROUND_SECONDS: 20,
    INTERMISSION_SECONDS: 2,
    MAX_PLAYERS_PER_ROOM: 4,
    MAX_CONNECTIONS_PER_IP: 10_000,
    MAX_ROOMS_PER_IP: 10_000,
    ROOMS_OPENED_PER_MIN_PER_IP: 10_000,
    CODE_MISSES_PER_MIN_PER_IP: 10_000,
    ...options.config,
  });
  const built = await buildApp(config);
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const churn = new Churn(url, seed, options.maxPlayMs ?? 6000);
  const totalMs = options.minutes * 60_000;
  const warmUpMs = Math.min(15_000, totalMs * 0.1);
  const started = performance.now();
  try {
    log(
      `soak: server at ${url}; warming up for ${(warmUpMs / 1000).toFixed(0)} s with ${bots} players`,
    );
    await churn.run(bots, started + warmUpMs);
    await settle(built, config);
    const before = await takeCensus(built, gc);
    log(
      `soak: baseline heap ${mb(before.heapUsedBytes)} MB; churning until ${options.minutes} min`,
    );

    const samples: SoakReport['heap']['samples'] = [];
    let peakRooms = 0;
    let peakSockets = 0;
    const sampler = setInterval(() => {
      const rooms = built.services.rooms.size;
      const sockets = built.services.io.of('/').sockets.size;
      peakRooms = Math.max(peakRooms, rooms);
      peakSockets = Math.max(peakSockets, sockets);
      samples.push({
        atS: Math.round((performance.now() - started) / 1000),
        heapMb: mb(process.memoryUsage().heapUsed),
        rooms,
        sockets,
      });
      log(
        `soak: ${samples.at(-1)!.atS} s: ${rooms} rooms, ${sockets} sockets, heap ${samples.at(-1)!.heapMb} MB`,
      );
    }, 10_000);
    await churn.run(bots, started + totalMs);
    clearInterval(sampler);
    log('soak: churn over; waiting for the server to settle');
    await settle(built, config);
    const after = await takeCensus(built, gc);
    return buildReport({
      options,
      bots,
      seed,
      built,
      churn,
      before,
      after,
      samples,
      peakRooms,
      peakSockets,
      durationMs: performance.now() - started,
    });
  } finally {
    await built.app.close();
  }
}

interface ReportInput {
  options: SoakOptions;
  bots: number;
  seed: number;
  built: BuiltApp;
  churn: Churn;
  before: Census;
  after: Census;
  samples: SoakReport['heap']['samples'];
  peakRooms: number;
  peakSockets: number;
  durationMs: number;
}

function buildReport(input: ReportInput): SoakReport {
  const { churn, built, before, after } = input;
  const { stats } = churn;
  const metrics = built.services.metrics;
  const leaks = findLeaks(before, after);
  const problems: string[] = [];
  for (const [code, n] of Object.entries(stats.errors)) {
    if (!EXPECTED_ERRORS.has(code)) problems.push(`players received ${n} × ${code}`);
  }
  for (const [reason, n] of Object.entries(stats.drops))
    problems.push(`players were dropped ${n} × (${reason})`);
  for (const [message, n] of Object.entries(churn.failures)) problems.push(`${n} × ${message}`);
  if (metrics.roomFailures > 0) problems.push(`${metrics.roomFailures} room tick failures`);
  return {
    ok: leaks.length === 0 && problems.length === 0,
    minutes: input.options.minutes,
    durationS: Math.round(input.durationMs / 1000),
    bots: input.bots,
    seed: input.seed,
    scenarios: churn.tallies,
    failures: churn.failures,
    traffic: {
      connects: stats.connects,
      joins: stats.joins,
      inputsSent: stats.inputsSent,
      snapshots: stats.snapshots,
      chatsSent: stats.chatsSent,
      ackP50Ms: ackLatencyMs(stats, 0.5),
      ackP99Ms: ackLatencyMs(stats, 0.99),
    },
    botErrors: stats.errors,
    drops: stats.drops,
    server: {
      peakRooms: input.peakRooms,
      peakSockets: input.peakSockets,
      roomFailures: metrics.roomFailures,
      inputsApplied: metrics.inputsApplied,
      inputsDropped: metrics.inputsDropped,
      snapshotsSent: metrics.snapshotsSent,
      errorsSent: Object.fromEntries(metrics.errorsSent),
    },
    heap: {
      baselineMb: mb(before.heapUsedBytes),
      endMb: mb(after.heapUsedBytes),
      growthMb: mb(after.heapUsedBytes - before.heapUsedBytes),
      allowanceMb: mb(heapAllowance(before.heapUsedBytes)),
      samples: input.samples,
    },
    before,
    after,
    leaks,
    problems,
  };
}

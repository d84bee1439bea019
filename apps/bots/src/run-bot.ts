/**
 * `runBot(url, options)`: one bot that connects, joins a room (quick play by default), and
 * plays until stopped or until `durationMs` has passed. The building block of `spawnBots`.
 */
import { BotClient, type RoomJoined } from './bot-client.js';
import { emptyStats, type BotStats } from './bot-stats.js';
import { connectFailure } from './failure-reason.js';

export type JoinMode =
  { quickPlay: true } | { create: { isPublic: boolean } } | { code: string; spectate?: boolean };

export interface RunBotOptions {
  name?: string;
  seed?: number;
  join?: JoinMode;
  /** Stop by itself after this long; by default the bot plays until `stop()`. */
  durationMs?: number;
  /** Counters to add to (several bots may share one). */
  stats?: BotStats;
  transports?: ('websocket' | 'polling')[];
}

export interface RunningBot {
  client: BotClient;
  /** The room it joined. */
  joined: RoomJoined;
  /** Leaves the room and disconnects. */
  stop: () => Promise<void>;
  /** Resolves once the bot has stopped (asked to, after its duration, or dropped). */
  done: Promise<void>;
}

export async function runBot(url: string, options: RunBotOptions = {}): Promise<RunningBot> {
  const seed = options.seed ?? Math.floor(Math.random() * 0xffff_ffff);
  const client = new BotClient(
    url,
    {
      name: options.name ?? `bot-${seed.toString(36).slice(0, 6)}`,
      seed,
      transports: options.transports,
    },
    options.stats ?? emptyStats(),
  );
  await client.connect().catch((error: unknown) => {
    client.disconnect();
    throw new Error(`could not connect to ${url}: ${connectFailure(error)}`);
  });
  const joined = await client.join(options.join ?? { quickPlay: true });
  if (typeof joined === 'string') {
    client.disconnect();
    throw new Error(`could not join: ${joined}`);
  }
  client.startPlaying();

  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const timer =
    options.durationMs === undefined ? null : setTimeout(() => void stop(), options.durationMs);
  client.socket.on('disconnect', () => finish());
  const stop = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    if (client.connected) await client.leave().catch(() => undefined);
    client.disconnect();
    finish();
  };
  return { client, joined, stop, done };
}

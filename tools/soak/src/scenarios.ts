/**
 * What churning players do in the soak: each scenario is one short life (or two) of a player
 * — join one way, play a little, leave another way — covering every path that creates or
 * frees something on the server: quick play, private rooms by code, the lobby, spectating,
 * chat and pings, leaving, dropping (the seat is held, then freed), and resuming a held seat.
 */
import { BotClient, type BotStats } from '@arena/bots';

export interface ScenarioContext {
  url: string;
  random: () => number;
  stats: BotStats;
  /** A unique number for names and seeds. */
  nextId: () => number;
  /** How long a bot plays, in ms, at most. */
  maxPlayMs: number;
  /** Every client a scenario opens, so the runner can close them even when it fails. */
  clients: Set<BotClient>;
}

export type Scenario = (ctx: ScenarioContext) => Promise<void>;

/** Errors that churn legitimately produces: a room filled or closed between list and join. */
export const EXPECTED_ERRORS = new Set(['ROOM_FULL', 'ROOM_NOT_FOUND']);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function playTime(ctx: ScenarioContext): number {
  return 300 + ctx.random() * (ctx.maxPlayMs - 300);
}

async function bot(ctx: ScenarioContext, token?: string): Promise<BotClient> {
  const id = ctx.nextId();
  const client = new BotClient(
    ctx.url,
    { name: `soak${id}`, seed: id, timeoutMs: 8000, ...(token ? { sessionToken: token } : {}) },
    ctx.stats,
  );
  ctx.clients.add(client);
  await client.connect();
  return client;
}

async function joinOrThrow(client: BotClient, how: Parameters<BotClient['join']>[0]) {
  const joined = await client.join(how);
  if (typeof joined === 'string') {
    client.disconnect();
    throw new ExpectedRefusal(joined);
  }
  return joined;
}

/** A refusal churn can cause (the room filled up or closed); not a failure. */
export class ExpectedRefusal extends Error {
  override name = 'ExpectedRefusal';
}

async function playFor(client: BotClient, ms: number): Promise<void> {
  client.startPlaying();
  await pause(ms);
}

const quickPlayAndLeave: Scenario = async (ctx) => {
  const client = await bot(ctx);
  await joinOrThrow(client, { quickPlay: true });
  await playFor(client, playTime(ctx));
  await client.leave();
  client.disconnect();
};

const hostAndDrop: Scenario = async (ctx) => {
  const client = await bot(ctx);
  await joinOrThrow(client, { create: { isPublic: ctx.random() < 0.7 } });
  await playFor(client, playTime(ctx));
  // No goodbye: the seat is held for the grace period, then freed by the server.
  client.disconnect();
};

const joinFromLobby: Scenario = async (ctx) => {
  const client = await bot(ctx);
  const listed = client.next('lobby:rooms');
  client.socket.emit('lobby:subscribe', {});
  const open = (await listed).rooms.filter((r) => r.players < r.maxPlayers);
  client.socket.emit('lobby:unsubscribe', {});
  const room = open[Math.floor(ctx.random() * open.length)];
  if (!room) {
    await joinOrThrow(client, { quickPlay: true });
  } else {
    await joinOrThrow(client, { code: room.code, spectate: ctx.random() < 0.3 });
  }
  await playFor(client, playTime(ctx));
  if (ctx.random() < 0.5) await client.leave();
  client.disconnect();
};

const dropAndResume: Scenario = async (ctx) => {
  const first = await bot(ctx);
  const joined = await joinOrThrow(first, { quickPlay: true });
  await playFor(first, playTime(ctx) / 2);
  first.disconnect();
  const again = await bot(ctx, joined.sessionToken);
  const resumed = again.joined ?? (await again.next('room:joined'));
  if (!resumed.resumed) throw new Error('a held seat was not given back');
  await playFor(again, playTime(ctx) / 2);
  await again.leave();
  again.disconnect();
};

const privatePair: Scenario = async (ctx) => {
  const host = await bot(ctx);
  const created = await joinOrThrow(host, { create: { isPublic: false } });
  const guest = await bot(ctx);
  await joinOrThrow(guest, { code: created.roomCode });
  await Promise.all([playFor(host, playTime(ctx)), playFor(guest, playTime(ctx))]);
  await guest.leave();
  guest.disconnect();
  host.disconnect();
};

const chatAndPing: Scenario = async (ctx) => {
  const client = await bot(ctx);
  await joinOrThrow(client, { quickPlay: true });
  client.startPlaying();
  for (let i = 0; i < 3; i++) {
    const pong = client.next('time:pong');
    client.socket.emit('time:ping', { clientTimeMs: performance.now() });
    await pong;
  }
  client.chat(`hello from ${client.options.name}`);
  await playFor(client, playTime(ctx));
  await client.leave();
  client.disconnect();
};

export const SCENARIOS: Record<string, Scenario> = {
  quickPlayAndLeave,
  hostAndDrop,
  joinFromLobby,
  dropAndResume,
  privatePair,
  chatAndPing,
};

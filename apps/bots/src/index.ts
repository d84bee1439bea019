/** Headless players: one bot, a swarm of them, and the numbers they measure. */
export { BotClient, type BotClientOptions, type RoomJoined } from './bot-client.js';
export { ackLatencyMs, emptyStats, mergeStats, type BotStats } from './bot-stats.js';
export { randomWalk } from './random-walk.js';
export { runBot, type JoinMode, type RunBotOptions, type RunningBot } from './run-bot.js';
export { spawnBots, type BotSwarm, type SpawnOptions } from './spawn-bots.js';
export { socketNetPort, type GameSocket } from './socket-net-port.js';
export { connectFailure, STALE_BUILD, summarizeFailures } from './failure-reason.js';

/** Rounds: play for a while, show the scoreboard during an intermission, start again. */
import type { TickConstants } from './config.js';
import { RoundPhase, type World } from './world.js';

function endRound(world: World, k: TickConstants): void {
  const scores = world.players
    .map((p) => ({ id: p.id, score: p.score }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
  world.events.push({ type: 'round-ended', round: world.round.number, scores });
  world.round = {
    number: world.round.number,
    phase: RoundPhase.Intermission,
    ticksLeft: k.intermissionTicks,
  };
  world.coins = [];
}

function startRound(world: World, k: TickConstants): void {
  world.round = {
    number: world.round.number + 1,
    phase: RoundPhase.Playing,
    ticksLeft: k.roundTicks,
  };
  for (const player of world.players) player.score = 0;
  world.events.push({ type: 'round-started', round: world.round.number });
}

export function advanceRound(world: World, k: TickConstants): void {
  world.round.ticksLeft -= 1;
  if (world.round.ticksLeft > 0) return;
  if (world.round.phase === RoundPhase.Playing) endRound(world, k);
  else startRound(world, k);
}

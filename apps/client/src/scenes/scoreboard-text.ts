/** The end-of-round scoreboard as lines of plain text (rendered by a Phaser Text). */
import type { RoundEnded } from '../game/render-frame.js';

const SCOREBOARD_ROWS = 10;

export function scoreboardLines(ended: RoundEnded, selfId: number): string[] {
  const title = `Round ${ended.round} over`;
  const winner =
    ended.winner && ended.winner.score > 0
      ? `${ended.winner.name} wins with ${ended.winner.score}!`
      : 'Nobody scored this round';
  const rows = ended.scoreboard
    .slice(0, SCOREBOARD_ROWS)
    .map((s, i) => `${i + 1}. ${s.name}  ${s.score}${s.id === selfId ? '  (you)' : ''}`);
  return [title, winner, '', ...rows];
}

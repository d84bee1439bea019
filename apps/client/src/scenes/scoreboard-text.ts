/** The end-of-round scoreboard as lines of plain text (rendered by a Phaser Text). */
import type { RoundEnded } from '../game/render-frame.js';
import { topWithSelf } from '../game/ranks.js';

const SCOREBOARD_ROWS = 10;

/** "Ada", "Ada and Bob", "Ada, Bob and Cy". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Who won, in words: one winner, a tie, or nobody. */
export function winnerLine(ended: RoundEnded): string {
  const [first] = ended.winners;
  if (!first) return 'Nobody scored this round';
  if (ended.winners.length === 1) return `${first.name} wins with ${first.score}!`;
  return `Tie: ${joinNames(ended.winners.map((w) => w.name))} with ${first.score} each!`;
}

export function scoreboardLines(ended: RoundEnded, selfId: number): string[] {
  const { rows, hidden } = topWithSelf(ended.scoreboard, selfId, SCOREBOARD_ROWS);
  const lines = rows.map(({ rank, entry }) => {
    const you = entry.id === selfId ? '  (you)' : '';
    return `${rank}. ${entry.name}  ${entry.score}${you}`;
  });
  if (hidden > 0) lines.push(`… and ${hidden} more`);
  return [`Round ${ended.round} over`, winnerLine(ended), '', ...lines];
}

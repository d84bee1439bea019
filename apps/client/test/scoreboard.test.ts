import { describe, expect, it } from 'vitest';
import { rankOf, topWithSelf } from '../src/game/ranks.js';
import type { RoundEnded } from '../src/game/render-frame.js';
import { scoreboardLines, winnerLine } from '../src/scenes/scoreboard-text.js';

function ended(scores: [string, number][]): RoundEnded {
  const scoreboard = scores.map(([name, score], i) => ({ id: i + 1, name, score }));
  const best = Math.max(0, ...scores.map(([, score]) => score));
  const winners = best > 0 ? scoreboard.filter((s) => s.score === best) : [];
  return { round: 3, winners, winner: winners[0] ?? null, scoreboard };
}

describe('the end-of-round scoreboard', () => {
  it('names a tie as a tie, with everyone in it', () => {
    expect(
      winnerLine(
        ended([
          ['Alice', 2],
          ['Bob', 2],
          ['Cy', 1],
        ]),
      ),
    ).toBe('Tie: Alice and Bob with 2 each!');
    expect(
      winnerLine(
        ended([
          ['A', 1],
          ['B', 1],
          ['C', 1],
        ]),
      ),
    ).toBe('Tie: A, B and C with 1 each!');
    expect(
      winnerLine(
        ended([
          ['Alice', 3],
          ['Bob', 2],
        ]),
      ),
    ).toBe('Alice wins with 3!');
    expect(
      winnerLine(
        ended([
          ['Alice', 0],
          ['Bob', 0],
        ]),
      ),
    ).toBe('Nobody scored this round');
  });

  it('gives equal scores the same rank', () => {
    const lines = scoreboardLines(
      ended([
        ['Alice', 2],
        ['Bob', 2],
        ['Cy', 1],
      ]),
      3,
    );
    expect(lines.slice(3)).toEqual(['1. Alice  2', '1. Bob  2', '3. Cy  1  (you)']);
  });

  it('fits a big room: the top rows, then ours, then how many were left out', () => {
    const many = ended(
      Array.from({ length: 21 }, (_, i) => [`P${i + 1}`, 40 - i] as [string, number]),
    );
    const lines = scoreboardLines(many, 21);
    expect(lines.slice(3)).toHaveLength(11);
    expect(lines.at(-2)).toBe('21. P21  20  (you)');
    expect(lines.at(-1)).toBe('… and 11 more');
  });
});

describe('short tables', () => {
  it('ranks competition style', () => {
    expect([5, 3, 3, 1].map((s) => rankOf(s, [5, 3, 3, 1]))).toEqual([1, 2, 2, 4]);
  });

  it('shows the top ones and ourselves when we are further down', () => {
    const entries = Array.from({ length: 8 }, (_, i) => ({ id: i + 1, score: 10 - i }));
    const table = topWithSelf(entries, 8, 3);
    expect(table.rows.map((r) => [r.rank, r.entry.id])).toEqual([
      [1, 1],
      [2, 2],
      [8, 8],
    ]);
    expect(table.hidden).toBe(5);
    expect(topWithSelf(entries, 2, 3).rows.map((r) => r.entry.id)).toEqual([1, 2, 3]);
    expect(topWithSelf(entries, 0, 20).hidden).toBe(0);
  });
});

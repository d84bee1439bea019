/**
 * Ranks and short tables of scores: equal scores share a rank ("1, 1, 3"), so a tie reads as
 * one, and a table shows the best few plus our own row, so it fits a room of any size.
 */

export function rankOf(score: number, allScores: readonly number[]): number {
  let better = 0;
  for (const other of allScores) if (other > score) better += 1;
  return better + 1;
}

export interface RankedRow<T> {
  rank: number;
  entry: T;
}

export interface ShortTable<T> {
  rows: RankedRow<T>[];
  /** Entries left out of `rows`. */
  hidden: number;
}

/**
 * At most `limit` rows, best first (ties by lower id): the top ones, and our own in the last
 * place when it would not be among them.
 */
export function topWithSelf<T extends { id: number; score: number }>(
  entries: readonly T[],
  selfId: number,
  limit: number,
): ShortTable<T> {
  const sorted = [...entries].sort((a, b) => b.score - a.score || a.id - b.id);
  const scores = sorted.map((e) => e.score);
  const ranked = sorted.map((entry) => ({ rank: rankOf(entry.score, scores), entry }));
  const top = ranked.slice(0, Math.max(1, limit));
  const self = ranked.find((r) => r.entry.id === selfId);
  if (self && !top.includes(self)) top.splice(top.length - 1, 1, self);
  return { rows: top, hidden: sorted.length - top.length };
}

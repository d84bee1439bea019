import { describe, expect, it } from 'vitest';
import { stackLabels, type LabelBox } from '../src/scenes/label-layout.js';

function box(id: number, x: number, bottom: number): LabelBox {
  return { id, x, bottom, width: 60, height: 18 };
}

function boxesOverlap(a: LabelBox, b: LabelBox): boolean {
  return (
    Math.abs(a.x - b.x) * 2 < a.width + b.width &&
    a.bottom > b.bottom - b.height &&
    b.bottom > a.bottom - a.height
  );
}

describe('name labels', () => {
  it('leave labels that do not touch where they are', () => {
    const placed = stackLabels([box(1, 0, 100), box(2, 200, 100)], 1);
    expect([...placed.values()]).toEqual([100, 100]);
  });

  it('stack labels of players on top of each other, ours staying put', () => {
    const wanted = [box(1, 0, 100), box(2, 5, 100), box(3, -5, 104), box(4, 10, 96)];
    const placed = stackLabels(wanted, 3);
    expect(placed.get(3)).toBe(104);
    const final = wanted.map((b) => ({ ...b, bottom: placed.get(b.id)! }));
    for (let i = 0; i < final.length; i++)
      for (let j = i + 1; j < final.length; j++)
        expect(boxesOverlap(final[i]!, final[j]!), `${final[i]!.id} and ${final[j]!.id}`).toBe(
          false,
        );
    // Moved up only, and no further than the stack needs.
    for (const b of final)
      expect(b.bottom).toBeLessThanOrEqual(wanted.find((w) => w.id === b.id)!.bottom);
    expect(Math.min(...final.map((b) => b.bottom))).toBeGreaterThanOrEqual(104 - 4 * 20);
  });
});

import { describe, expect, it } from 'vitest';
import { colorDistance, MIN_COLOR_DISTANCE, seatColor } from '../src/rooms/seat-color.js';

const RED = 0xff5252;
const PINK = 0xff4081;
const BLUE = 0x40c4ff;

function seatAll(count: number, wish?: number): number[] {
  const seated: number[] = [];
  for (let i = 0; i < count; i++) seated.push(seatColor(wish, seated));
  return seated;
}

function closestPair(colors: readonly number[]): number {
  let closest = Infinity;
  for (let i = 0; i < colors.length; i++)
    for (let j = i + 1; j < colors.length; j++)
      closest = Math.min(closest, colorDistance(colors[i]!, colors[j]!));
  return closest;
}

describe('seat colours', () => {
  it('keeps a chosen colour that is far from everyone else', () => {
    expect(seatColor(RED, [])).toBe(RED);
    expect(seatColor(BLUE, [RED])).toBe(BLUE);
  });

  it('moves a colour too close to another player to the nearest one far enough', () => {
    const [first, second] = seatAll(2, RED);
    expect(first).toBe(RED);
    expect(colorDistance(second!, RED)).toBeGreaterThanOrEqual(MIN_COLOR_DISTANCE);
    // Still the player's taste: nearer to the red it asked for than to, say, blue.
    expect(colorDistance(second!, RED)).toBeLessThan(colorDistance(second!, BLUE));
    // Red and pink read as the same colour on a small disc.
    expect(colorDistance(RED, PINK)).toBeLessThan(MIN_COLOR_DISTANCE);
    expect(seatColor(PINK, [RED])).not.toBe(PINK);
  });

  it('spreads a full room of eight far apart, whatever they asked for', () => {
    expect(closestPair(seatAll(8))).toBeGreaterThanOrEqual(MIN_COLOR_DISTANCE);
    expect(closestPair(seatAll(8, RED))).toBeGreaterThanOrEqual(MIN_COLOR_DISTANCE);
  });

  it('keeps players off the floor and coin colours', () => {
    expect(seatColor(0x1a2030, [])).not.toBe(0x1a2030);
    expect(seatColor(0xffd54f, [])).not.toBe(0xffd54f);
  });

  it('never gives two players of the biggest room the same colour', () => {
    const colors = seatAll(64);
    expect(new Set(colors).size).toBe(64);
    expect(closestPair(colors)).toBeGreaterThan(5);
  });
});

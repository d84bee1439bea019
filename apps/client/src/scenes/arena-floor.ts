/** The arena's floor, grid and walls: drawn once per arena size, so motion is easy to see. */
import type Phaser from 'phaser';

const FLOOR_COLOR = 0x1a2030;
const GRID_COLOR = 0x2a3348;
const GRID_MAJOR_COLOR = 0x36415c;
const WALL_COLOR = 0x8fa3c7;
const GRID_STEP_PX = 50;
const GRID_MAJOR_EVERY = 4;
export const WALL_THICKNESS_PX = 16;

export function drawArenaFloor(
  g: Phaser.GameObjects.Graphics,
  width: number,
  height: number,
): void {
  g.clear();
  g.fillStyle(FLOOR_COLOR, 1);
  g.fillRect(0, 0, width, height);
  for (let x = GRID_STEP_PX, i = 1; x < width; x += GRID_STEP_PX, i++) {
    g.lineStyle(1, i % GRID_MAJOR_EVERY === 0 ? GRID_MAJOR_COLOR : GRID_COLOR, 1);
    g.lineBetween(x, 0, x, height);
  }
  for (let y = GRID_STEP_PX, i = 1; y < height; y += GRID_STEP_PX, i++) {
    g.lineStyle(1, i % GRID_MAJOR_EVERY === 0 ? GRID_MAJOR_COLOR : GRID_COLOR, 1);
    g.lineBetween(0, y, width, y);
  }
  // Walls sit just outside the playable rectangle, where the simulation clamps players.
  const t = WALL_THICKNESS_PX;
  g.fillStyle(WALL_COLOR, 1);
  g.fillRect(-t, -t, width + 2 * t, t);
  g.fillRect(-t, height, width + 2 * t, t);
  g.fillRect(-t, 0, t, height);
  g.fillRect(width, 0, t, height);
}

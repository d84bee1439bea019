/** Turning a wish ("go that way") into the buttons a keyboard can press: eight directions. */
import { Button } from '@arena/shared/protocol';
import type { Point } from '@arena/shared/netcode/client';

/** sin(22.5°): beyond this share of a unit vector, the axis key is pressed. */
const AXIS_THRESHOLD = 0.3827;

export function buttonsToward(dx: number, dy: number): number {
  const size = Math.sqrt(dx * dx + dy * dy);
  if (size === 0) return 0;
  const nx = dx / size;
  const ny = dy / size;
  let buttons = 0;
  if (nx > AXIS_THRESHOLD) buttons |= Button.Right;
  if (nx < -AXIS_THRESHOLD) buttons |= Button.Left;
  if (ny > AXIS_THRESHOLD) buttons |= Button.Down;
  if (ny < -AXIS_THRESHOLD) buttons |= Button.Up;
  return buttons;
}

/** Unit vector of the movement keys in `buttons`. */
export function directionOf(buttons: number): Point {
  const x = ((buttons & Button.Right) !== 0 ? 1 : 0) - ((buttons & Button.Left) !== 0 ? 1 : 0);
  const y = ((buttons & Button.Down) !== 0 ? 1 : 0) - ((buttons & Button.Up) !== 0 ? 1 : 0);
  const size = Math.sqrt(x * x + y * y);
  return size === 0 ? { x: 0, y: 0 } : { x: x / size, y: y / size };
}

export const EIGHT_DIRECTIONS: readonly number[] = [
  Button.Up,
  Button.Up | Button.Right,
  Button.Right,
  Button.Down | Button.Right,
  Button.Down,
  Button.Down | Button.Left,
  Button.Left,
  Button.Up | Button.Left,
];

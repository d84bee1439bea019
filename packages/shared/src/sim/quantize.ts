/**
 * Positions and velocities live on a 1/16 grid. The simulation snaps to it at the end of each
 * step, so the snapshot codec carries them without loss and a client that replays its inputs
 * from a snapshot lands on exactly the server's numbers: zero prediction error at rest.
 */
export const POSITION_SCALE = 16;
export const VELOCITY_SCALE = 16;

// `+ 0` turns -0 (what Math.round gives for -0.4) into 0: the wire has no negative zero, and
// a client comparing its replayed state with a decoded one must see exactly the same numbers.
export function quantizePosition(value: number): number {
  return Math.round(value * POSITION_SCALE) / POSITION_SCALE + 0;
}

export function quantizeVelocity(value: number): number {
  return Math.round(value * VELOCITY_SCALE) / VELOCITY_SCALE + 0;
}

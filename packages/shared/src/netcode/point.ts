/** A 2-D point or offset, and the small vector helpers the smoothing code shares. */
export interface Point {
  x: number;
  y: number;
}

export function lerpPoint(a: Point, b: Point, alpha: number): Point {
  return { x: a.x + (b.x - a.x) * alpha, y: a.y + (b.y - a.y) * alpha };
}

export function magnitude(p: Point): number {
  return Math.sqrt(p.x * p.x + p.y * p.y);
}

/** Offsets below this are invisible (a thirty-second of a pixel) and are dropped. */
const NEGLIGIBLE_PX = 1 / 32;

/** Shrinks `offset` towards zero by at most `maxStep` (same units), dropping the invisible rest. */
export function blendOffset(offset: Point, maxStep: number): Point {
  const size = magnitude(offset);
  if (size <= maxStep || size < NEGLIGIBLE_PX) return { x: 0, y: 0 };
  const scale = (size - maxStep) / size;
  return { x: offset.x * scale, y: offset.y * scale };
}

/**
 * Player colours within a room: distinct and far apart, so nobody has to guess which disc is
 * whose. A chosen colour is kept when it is far enough from every other player's in the room
 * (and from the floor and the coins); otherwise the player gets the nearest colour that is,
 * and a player who chose none gets the one farthest from all the others.
 *
 * Distance is CIELAB ΔE (1976): about 2 is the smallest difference an eye notices side by
 * side; two reds that read as "the same red" on small moving discs are 30 apart.
 */

/** Colours closer than this are adjusted. Eight players fit well above it (about 50 apart). */
export const MIN_COLOR_DISTANCE = 40;

/** What players are drawn on and next to in the browser client: the floor and the coins. */
const RESERVED_COLORS = [0x1a2030, 0xffd54f];

/** Darker colours than this lightness (L*, 0 … 100) sink into the dark floor. */
const MIN_CANDIDATE_LIGHTNESS = 50;

type Lab = readonly [number, number, number];

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t) / 116 + 16 / 116;
}

/** 0xRRGGBB (sRGB) to CIELAB, D65 white. */
export function toLab(color: number): Lab {
  const r = linear((color >> 16) & 0xff);
  const g = linear((color >> 8) & 0xff);
  const b = linear(color & 0xff);
  const x = labF((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = labF(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = labF((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

function labDistance(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

export function colorDistance(a: number, b: number): number {
  return labDistance(toLab(a), toLab(b));
}

/** A colour with its CIELAB coordinates worked out once: every seat compares hundreds. */
interface Swatch {
  readonly color: number;
  readonly lab: Lab;
}

const swatch = (color: number): Swatch => ({ color, lab: toLab(color) });

function fromHsl(hueDeg: number, saturation: number, lightness: number): number {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (n: number) => {
    const k = (n + hueDeg / 30) % 12;
    const value = lightness - (chroma / 2) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255);
  };
  return (channel(0) << 16) | (channel(8) << 8) | channel(4);
}

/** Bright, saturated and pale versions of 72 hues: more than any room has players (64). */
const CANDIDATES: readonly Swatch[] = (() => {
  const shades = [
    [0.9, 0.6],
    [0.75, 0.75],
    [0.85, 0.45],
  ] as const;
  const colors: Swatch[] = [];
  for (let hue = 0; hue < 360; hue += 5) {
    for (const [s, l] of shades) colors.push(swatch(fromHsl(hue, s, l)));
  }
  const reserved = RESERVED_COLORS.map((color) => toLab(color));
  return colors.filter(
    ({ lab }) =>
      lab[0] >= MIN_CANDIDATE_LIGHTNESS && nearestDistance(lab, reserved) >= MIN_COLOR_DISTANCE,
  );
})();

function nearestDistance(lab: Lab, others: readonly Lab[]): number {
  let nearest = Infinity;
  for (const other of others) nearest = Math.min(nearest, labDistance(lab, other));
  return nearest;
}

/** The candidate farthest from every colour in `taken`. */
function farthestFrom(taken: readonly Lab[]): number {
  let best = CANDIDATES[0]!;
  let bestDistance = -1;
  for (const candidate of CANDIDATES) {
    const distance = nearestDistance(candidate.lab, taken);
    if (distance > bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best.color;
}

/**
 * The colour a new player gets, given what it asked for (if anything) and the colours of the
 * players already seated.
 */
export function seatColor(wish: number | undefined, seated: readonly number[]): number {
  const taken = [...RESERVED_COLORS, ...seated].map((color) => toLab(color));
  if (wish === undefined) return farthestFrom(taken);
  const wished = toLab(wish);
  if (nearestDistance(wished, taken) >= MIN_COLOR_DISTANCE) return wish;
  // Too close to someone: the closest colour to the wish that is far enough from everyone.
  let best: number | undefined;
  let bestDistance = Infinity;
  for (const candidate of CANDIDATES) {
    if (nearestDistance(candidate.lab, taken) < MIN_COLOR_DISTANCE) continue;
    const distance = labDistance(candidate.lab, wished);
    if (distance < bestDistance) [best, bestDistance] = [candidate.color, distance];
  }
  // A crowded room has nothing far enough left: then as far from the others as it gets.
  return best ?? farthestFrom(taken);
}

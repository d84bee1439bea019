/**
 * Where to put the name labels so they stay readable when players crowd together: each label
 * wants to sit just above its disc; one that would cover a label already placed goes up
 * above it instead. Ours is placed first, so it never moves. Pure arithmetic, in world pixels.
 */

export interface LabelBox {
  id: number;
  /** Centre x and bottom y where the label wants to be. */
  x: number;
  bottom: number;
  width: number;
  height: number;
}

/** Space kept between two stacked labels. */
const GAP_PX = 2;

function overlaps(a: LabelBox, b: LabelBox): boolean {
  const apart = Math.abs(a.x - b.x) * 2 >= a.width + b.width;
  return !apart && a.bottom > b.bottom - b.height && b.bottom > a.bottom - a.height;
}

/** The bottom y of each label, by id. `firstId` (ours) is placed first and never moves. */
export function stackLabels(wanted: readonly LabelBox[], firstId: number): Map<number, number> {
  const order = [...wanted].sort(
    (a, b) =>
      Number(b.id === firstId) - Number(a.id === firstId) || a.bottom - b.bottom || a.id - b.id,
  );
  const placed: LabelBox[] = [];
  for (const label of order) {
    const box = { ...label };
    // Each move goes above a label in the way; a label is passed at most once.
    for (let tries = 0; tries <= placed.length; tries++) {
      const blocker = placed.find((other) => overlaps(box, other));
      if (!blocker) break;
      box.bottom = blocker.bottom - blocker.height - GAP_PX;
    }
    placed.push(box);
  }
  return new Map(placed.map((box) => [box.id, box.bottom]));
}

/** How the benches sum up a figure measured several times: its median, and every value. */

/** The middle value of an odd count (the upper middle of an even one). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** The median and every value (as measured, in order), each with `digits` decimals. */
export function spread(values: readonly number[], digits: number): { median: string; all: string } {
  return {
    median: median(values).toFixed(digits),
    all: values.map((value) => value.toFixed(digits)).join(' / '),
  };
}

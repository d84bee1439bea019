/** Where the scene last drew each name label (world pixels), for the browser tests to check. */
import type { LabelBox } from './label-layout.js';

export class DrawnLabels {
  boxes: readonly LabelBox[] = [];
}

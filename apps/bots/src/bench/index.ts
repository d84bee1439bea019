/** The benchmark as a library (the command is cli.ts): for its CI-sized integration test. */
export { compare, type CompareOptions, type Comparison } from './compare.js';
export { measureRun, type RunOptions, type RunResult } from './measure-run.js';
export type { RunFigures } from './run-figures.js';
export { SystemName } from './systems.js';
export {
  FRAME_BUDGET_MS,
  frameFigures,
  medianFrameFigures,
  type FrameFigures,
} from './frame-times.js';
export { profileText, summarizeProfile, type ProcessProfile } from './cpu-profiles.js';

/** What the tools, the bots and the tests share. Node only; never imported by the game. */
export {
  CommandFailure,
  HelpRequested,
  integerOption,
  numberOption,
  outputFileOption,
  readOptions,
  runCommand,
  UsageError,
} from './command-line.js';
export { freePort } from './free-port.js';
export { runFromSource, type CommandRun } from './run-from-source.js';
export { SeededRandom } from './seeded-random.js';
export {
  FROM_SOURCE,
  REPO_ROOT,
  runServerToExit,
  serverCommandLine,
  type ServerBuild,
  type ServerRun,
} from './server-command.js';
export {
  startServerProcess,
  type ServerExit,
  type ServerProcess,
  type ServerProcessOptions,
} from './server-process.js';
export {
  emptyHistogram,
  histogramPercentile,
  mergeHistogramInto,
  recordInto,
  type Histogram,
} from './histogram.js';
export { max, mean, median, percentile, sum } from './stats.js';

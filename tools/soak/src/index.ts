/** The churn soak as a library: `runSoak({ minutes })` and its report. */
export { runSoak, type SoakOptions, type SoakReport } from './soak.js';
export { formatReport } from './report.js';

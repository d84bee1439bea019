/** The protocol conformance suite: docs/PROTOCOL.md's observable rules against a live server. */
export { RULES } from './rules/index.js';
export { runSuite, type RuleResult, type SuiteOptions } from './suite.js';
export { LayoutError, SnapshotReader, type WireSnapshot } from './snapshot-layout.js';

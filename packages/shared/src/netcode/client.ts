/**
 * `@arena/shared/netcode/client`: prediction, reconciliation, interpolation, clock sync and the
 * link simulator, for whatever plays: the browser, the bots, the test players, netlab. Pure and
 * runtime-neutral: time is always an argument. The server's half (input slots, lag
 * compensation, its tick) is `@arena/shared/netcode/server`, so the browser never bundles it.
 * docs/NETCODE.md explains how the pieces fit; netlab (`npm run netlab`) measures them.
 */
export * from './point.js';
export * from './link-profile.js';
export * from './link-profile-query.js';
export * from './link-simulator.js';
export * from './timer-clock.js';
export * from './clock-sync.js';
export * from './event-loop-watch.js';
export * from './jitter-delay.js';
export * from './extrapolation.js';
export * from './interpolation.js';
export * from './render-interpolation.js';
export * from './correction-smoother.js';
export * from './prediction.js';
export * from './predicted-pickups.js';
export * from './rolling-window.js';
export * from './net-stats.js';
export * from './client-netcode.js';
export * from './net-port.js';
export * from './snapshot-stream.js';
export * from './net-client.js';

/**
 * `@arena/shared/netcode`: prediction, reconciliation, interpolation, clock sync, lag
 * compensation and a link simulator. Pure and runtime-neutral: time is always an argument.
 * docs/NETCODE.md explains how the pieces fit; netlab (`npm run netlab`) measures them.
 */
export * from './point.js';
export * from './link-profile.js';
export * from './link-profile-query.js';
export * from './link-simulator.js';
export * from './timer-clock.js';
export * from './clock-sync.js';
export * from './jitter-delay.js';
export * from './interpolation.js';
export * from './render-interpolation.js';
export * from './correction-smoother.js';
export * from './prediction.js';
export * from './predicted-pickups.js';
export * from './input-slots.js';
export * from './lag-compensation.js';
export * from './present-positions.js';
export * from './rolling-window.js';
export * from './net-stats.js';
export * from './server-tick.js';
export * from './client-netcode.js';

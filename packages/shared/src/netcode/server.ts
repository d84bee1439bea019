/**
 * `@arena/shared/netcode/server`: the server's half of the netcode. Input slots (one input per
 * player per tick), lag compensation (dash hits judged where the attacker saw its victim), the
 * tick that runs both around `sim.step`, and the link simulator for demos and tests. Dead
 * reckoning (`extrapolation`) is in both halves: lag compensation reruns the client's.
 */
export * from './point.js';
export * from './link-profile.js';
export * from './link-profile-query.js';
export * from './link-simulator.js';
export * from './timer-clock.js';
export * from './input-buffer-limits.js';
export * from './input-slots.js';
export type { InputSlotsStats } from './input-slots-stats.js';
export * from './taken-input.js';
export * from './extrapolation.js';
export * from './lag-compensation.js';
export * from './present-positions.js';
export * from './server-tick.js';
export * from './double-step.js';

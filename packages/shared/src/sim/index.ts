export * from './config.js';
export * from './world.js';
export * from './random.js';
export * from './quantize.js';
export { movePlayer, inputDirection, clampToArena, ticksToComeToRest } from './movement.js';
export { touchesCoin } from './coins.js';
export type { HitPositionLookup } from './collisions.js';
export { step, stepInPlace, constantsFor, type StepOptions } from './step.js';
export { createWorld, addPlayer, removePlayer } from './create-world.js';

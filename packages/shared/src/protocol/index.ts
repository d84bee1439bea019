export * from './version.js';
export * from './error-codes.js';
export * from './buttons.js';
export * from './text.js';
export * from './room-code.js';
export * from './schemas.js';
export * from './events.js';
export type * from './snapshot.js';
export * from './snapshot-codec.js';

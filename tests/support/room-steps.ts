/**
 * Each room's step function, wrappable per room while a test runs: pass `roomStep` to the
 * server's build options, then `wrap` one room's step to make its tick fail or to watch what
 * it judged. Rooms without a wrapper run the server's own `stepInPlace`.
 */
import type { BuildOptions } from '@arena/server';
import type { StepFunction } from '@arena/shared/netcode/server';
import { stepInPlace } from '@arena/shared/sim';
import { afterEach } from 'vitest';

export interface RoomSteps {
  /** For `serverPerTest(config, { roomStep })`. */
  roomStep: NonNullable<BuildOptions['roomStep']>;
  /** From now on, the room with this code ticks through `wrapper(step)`. */
  wrap: (roomCode: string, wrapper: (inner: StepFunction) => StepFunction) => void;
}

export function roomSteps(): RoomSteps {
  const wrapped = new Map<string, StepFunction>();
  afterEach(() => wrapped.clear());
  return {
    roomStep: (roomCode) => (world, inputs, options) =>
      (wrapped.get(roomCode) ?? stepInPlace)(world, inputs, options),
    wrap: (roomCode, wrapper) => wrapped.set(roomCode, wrapper(stepInPlace)),
  };
}

/**
 * A room announces only the settings a client must agree on (`room:joined.sim`); the rest of
 * the tuning is the shared default, which both sides compile in from `sim/config.ts`.
 */
import { DEFAULT_SIM_CONFIG, type SimConfig } from '../sim/config.js';
import type { ServerPayload } from './events.js';

export type RoomSimSettings = ServerPayload<'room:joined'>['sim'];

/** The room's rules as the client's simulation (prediction) must run them. */
export function simConfigFrom(settings: RoomSimSettings): SimConfig {
  const { tickRateHz, arenaWidth, arenaHeight, roundSeconds, intermissionSeconds } = settings;
  return {
    ...DEFAULT_SIM_CONFIG,
    ...{ tickRateHz, arenaWidth, arenaHeight, roundSeconds, intermissionSeconds },
  };
}

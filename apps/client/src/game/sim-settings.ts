/**
 * The server announces only the settings a client must agree on (`room:joined.sim`); the rest
 * of the tuning is the shared default, which both sides compile in from `@arena/shared/sim`.
 */
import type { ServerPayload } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG, type SimConfig } from '@arena/shared/sim';

export type SimSettings = ServerPayload<'room:joined'>['sim'];

export function simConfigFrom(settings: SimSettings): SimConfig {
  return {
    ...DEFAULT_SIM_CONFIG,
    tickRateHz: settings.tickRateHz,
    arenaWidth: settings.arenaWidth,
    arenaHeight: settings.arenaHeight,
    roundSeconds: settings.roundSeconds,
    intermissionSeconds: settings.intermissionSeconds,
  };
}

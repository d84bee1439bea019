/**
 * The game's tuning. Speeds are in pixels per second and durations in seconds; `resolveConfig`
 * turns them into per-tick numbers once, so `step` does no unit conversion.
 */
export interface SimConfig {
  tickRateHz: number;
  arenaWidth: number;
  arenaHeight: number;
  playerRadius: number;
  maxSpeed: number;
  acceleration: number;
  /** Fraction of velocity lost per second when no key pushes on an axis. */
  friction: number;
  dashSpeed: number;
  dashSeconds: number;
  dashCooldownSeconds: number;
  /** A dash that touches another player pushes them at this speed. */
  dashKnockbackSpeed: number;
  coinRadius: number;
  maxCoins: number;
  coinSpawnSeconds: number;
  roundSeconds: number;
  intermissionSeconds: number;
}

export const DEFAULT_SIM_CONFIG: SimConfig = {
  tickRateHz: 30,
  arenaWidth: 1600,
  arenaHeight: 1200,
  playerRadius: 20,
  maxSpeed: 240,
  acceleration: 1800,
  friction: 8,
  dashSpeed: 720,
  dashSeconds: 0.2,
  dashCooldownSeconds: 1.5,
  dashKnockbackSpeed: 600,
  coinRadius: 10,
  maxCoins: 12,
  coinSpawnSeconds: 1,
  roundSeconds: 180,
  intermissionSeconds: 6,
};

/** Per-tick values derived from a `SimConfig`. */
export interface TickConstants {
  dt: number;
  accelPerTick: number;
  /** Multiplier applied to an undriven axis' velocity each tick. */
  frictionFactor: number;
  dashTicks: number;
  dashCooldownTicks: number;
  coinSpawnTicks: number;
  roundTicks: number;
  intermissionTicks: number;
}

export function tickConstants(config: SimConfig): TickConstants {
  const dt = 1 / config.tickRateHz;
  return {
    dt,
    accelPerTick: config.acceleration * dt,
    frictionFactor: Math.max(0, 1 - config.friction * dt),
    dashTicks: Math.max(1, Math.round(config.dashSeconds * config.tickRateHz)),
    dashCooldownTicks: Math.round(config.dashCooldownSeconds * config.tickRateHz),
    coinSpawnTicks: Math.max(1, Math.round(config.coinSpawnSeconds * config.tickRateHz)),
    roundTicks: Math.round(config.roundSeconds * config.tickRateHz),
    intermissionTicks: Math.round(config.intermissionSeconds * config.tickRateHz),
  };
}

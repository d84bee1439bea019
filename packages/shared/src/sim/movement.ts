/**
 * One player's movement for one tick: acceleration, friction, speed limit, dash, walls.
 * It looks at no other player, so client prediction runs exactly this function.
 */
import { Button } from '../protocol/buttons.js';
import { tickConstants, type SimConfig, type TickConstants } from './config.js';
import { VELOCITY_SCALE, quantizePosition, quantizeVelocity } from './quantize.js';
import type { PlayerState } from './world.js';

function axis(buttons: number, negative: number, positive: number): number {
  return ((buttons & positive) !== 0 ? 1 : 0) - ((buttons & negative) !== 0 ? 1 : 0);
}

/** Unit direction the buttons point to, or (0, 0). Diagonals are normalised without trig. */
export function inputDirection(buttons: number): { dx: number; dy: number } {
  const dx = axis(buttons, Button.Left, Button.Right);
  const dy = axis(buttons, Button.Up, Button.Down);
  // One object literal for both cases, so that inlined it is never allocated (collisions.ts).
  const diagonal = dx !== 0 && dy !== 0;
  return { dx: diagonal ? dx * Math.SQRT1_2 : dx, dy: diagonal ? dy * Math.SQRT1_2 : dy };
}

/** A dash press starts a dash now: pressed this tick, and the cooldown is over. */
function dashPressed(player: PlayerState, buttons: number): boolean {
  const pressedNow = (buttons & Button.Dash) !== 0 && (player.lastButtons & Button.Dash) === 0;
  return pressedNow && player.dashCooldownTicks === 0;
}

/**
 * Whether `player` may be dashing after this tick's `movePlayer` with `buttons` (a dash going
 * on, or one that may start): only such a player can land a dash hit this tick. Never false
 * for one that will dash; true for a press that will not start one (no direction, at rest).
 */
export function mayDashThisTick(player: PlayerState, buttons: number): boolean {
  return player.dashTicks > 1 || dashPressed(player, buttons);
}

function tryStartDash(
  player: PlayerState,
  buttons: number,
  config: SimConfig,
  k: TickConstants,
): boolean {
  if (!dashPressed(player, buttons)) return false;
  let { dx, dy } = inputDirection(buttons);
  if (dx === 0 && dy === 0) {
    const speed = Math.sqrt(player.vx * player.vx + player.vy * player.vy);
    if (speed === 0) return false;
    dx = player.vx / speed;
    dy = player.vy / speed;
  }
  player.vx = dx * config.dashSpeed;
  player.vy = dy * config.dashSpeed;
  player.dashTicks = k.dashTicks;
  player.dashCooldownTicks = k.dashCooldownTicks;
  return true;
}

/**
 * Friction on an undriven axis, rounded toward zero on the velocity grid. Rounding to nearest
 * would keep the last sixteenth (or more, with low friction) alive forever: a released player
 * would never be at rest, and a dash without a direction would follow that ghost velocity.
 */
function brake(velocity: number, k: TickConstants): number {
  return Math.trunc(velocity * k.frictionFactor * VELOCITY_SCALE) / VELOCITY_SCALE;
}

function accelerate(player: PlayerState, buttons: number, config: SimConfig, k: TickConstants) {
  const speedBefore = Math.sqrt(player.vx * player.vx + player.vy * player.vy);
  const { dx, dy } = inputDirection(buttons);
  player.vx = dx !== 0 ? player.vx + dx * k.accelPerTick : brake(player.vx, k);
  player.vy = dy !== 0 ? player.vy + dy * k.accelPerTick : brake(player.vy, k);
  const speed = Math.sqrt(player.vx * player.vx + player.vy * player.vy);
  // Keys never push past maxSpeed, but a knock-back or the end of a dash that is already
  // faster fades out by friction instead of stopping dead at the limit.
  const limit = Math.max(config.maxSpeed, speedBefore * k.frictionFactor);
  if (speed > limit) {
    const scale = limit / speed;
    player.vx *= scale;
    player.vy *= scale;
  }
}

/** Keeps a player inside the arena; hitting a wall stops motion into it. */
export function clampToArena(player: PlayerState, config: SimConfig): void {
  const r = config.playerRadius;
  if (player.x < r) [player.x, player.vx] = [r, Math.max(0, player.vx)];
  if (player.x > config.arenaWidth - r)
    [player.x, player.vx] = [config.arenaWidth - r, Math.min(0, player.vx)];
  if (player.y < r) [player.y, player.vy] = [r, Math.max(0, player.vy)];
  if (player.y > config.arenaHeight - r)
    [player.y, player.vy] = [config.arenaHeight - r, Math.min(0, player.vy)];
}

export function snapToGrid(player: PlayerState): void {
  player.x = quantizePosition(player.x);
  player.y = quantizePosition(player.y);
  player.vx = quantizeVelocity(player.vx);
  player.vy = quantizeVelocity(player.vy);
}

/** Moves `player` (mutated in place: pass a copy) by one tick of `buttons`. */
export function movePlayer(
  player: PlayerState,
  buttons: number,
  config: SimConfig,
  k: TickConstants,
): void {
  // The tick a dash starts is its first: it moves at dash speed for exactly `k.dashTicks` ticks,
  // and `dashTicks > 0` (what a hit is judged by) holds on every one of them.
  if (player.dashTicks > 1) player.dashTicks -= 1;
  else {
    player.dashTicks = 0;
    if (!tryStartDash(player, buttons, config, k)) accelerate(player, buttons, config, k);
  }
  if (player.dashCooldownTicks > 0) player.dashCooldownTicks -= 1;
  player.x += player.vx * k.dt;
  player.y += player.vy * k.dt;
  clampToArena(player, config);
  snapToGrid(player);
  player.lastButtons = buttons;
}

/**
 * Ticks without a button after which any player is at rest: the longest dash runs out, then
 * friction stops the fastest velocity a dash or a knock-back leaves. Dropping the input slot
 * of a player idle that long changes nothing the server or its client computes. Without
 * friction nobody ever stops: a number too large to wait for.
 */
export function ticksToComeToRest(config: SimConfig): number {
  const k = tickConstants(config);
  let speed = quantizeVelocity(Math.max(config.dashSpeed, config.dashKnockbackSpeed));
  let ticks = k.dashTicks;
  while (speed !== 0 && ticks < NEVER_AT_REST_TICKS) {
    speed = brake(speed, k);
    ticks += 1;
  }
  return ticks;
}

const NEVER_AT_REST_TICKS = 1_000_000;

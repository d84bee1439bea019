/**
 * netlab's scenario. Two phases:
 * - quiet: every player wanders in a zone of its own, far from the others (dashes only aim
 *   back at the zone centre, so even a dash cannot reach a neighbour). Nobody interacts, so
 *   any prediction error here is the netcode's own. Now and then a player stops, waits until
 *   it is at rest and presses a key: an input-to-screen probe.
 * - melee: the hunters chase the others and dash at them (lag-compensated hits); the others
 *   wander in the middle of the arena and bump into each other. They do not dash: the sim
 *   judges "the victim is dashing too" (no hit) in the present, which lag compensation cannot
 *   rewind (its lookup carries a position only), and netlab measures the rewind.
 */
import type { SimConfig, PlayerState } from '@arena/shared/sim';
import type { Point } from '@arena/shared/netcode/client';
import { Hunter, Wanderer, type Zone } from './bots.js';

export const Phase = { Quiet: 'quiet', Melee: 'melee' } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export interface BotView {
  /** Local time since this client joined (ms). */
  elapsedMs: number;
  phase: Phase;
  self: Readonly<PlayerState>;
  /** Other players where this client draws them. */
  remotes: ReadonlyMap<number, Point>;
}

export interface Bot {
  decide(view: BotView): number;
  /** Set on the frame a probe key is first held: the direction it should move the player. */
  readonly probe: Point | undefined;
}

export const HUNTER_IDS: readonly number[] = [1, 2];

/** Player `id`'s quiet zone: a 3 × 2 grid of small boxes, one per player. */
export function quietZone(id: number, config: SimConfig): Zone {
  const index = (id - 1) % 6;
  const column = index % 3;
  const row = Math.floor(index / 3);
  return {
    center: {
      x: (config.arenaWidth * (2 * column + 1)) / 6,
      y: (config.arenaHeight * (2 * row + 1)) / 4,
    },
    halfSize: 80,
  };
}

/** Where the non-hunters mill about in the melee. */
export function meleeZone(config: SimConfig): Zone {
  return { center: { x: config.arenaWidth / 2, y: config.arenaHeight / 2 }, halfSize: 260 };
}

export function createBot(id: number, config: SimConfig, seed: number): Bot {
  const quiet = new Wanderer(quietZone(id, config), seed, true);
  const melee = HUNTER_IDS.includes(id)
    ? new Hunter(config, seed + 1, HUNTER_IDS)
    : new Wanderer(meleeZone(config), seed + 2, false);
  return {
    decide(view) {
      return (view.phase === Phase.Quiet ? quiet : melee).decide(view);
    },
    get probe() {
      return quiet.probe;
    },
  };
}

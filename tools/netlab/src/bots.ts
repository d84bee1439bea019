/** The players netlab drives: a wanderer (quiet zones, melee crowd) and a hunter that dashes. */
import { Button } from '@arena/shared/protocol';
import type { SimConfig } from '@arena/shared/sim';
import type { Point } from '@arena/shared/netcode/client';
import { buttonsToward, directionOf, EIGHT_DIRECTIONS } from './directions.js';
import type { BotView } from './scenario.js';
import { SeededRandom } from '@arena/devkit';

export interface Zone {
  center: Point;
  halfSize: number;
}

/** Quiet-phase probes: every this often, stop, wait for rest, press a key. */
const PROBE_EVERY_MS = 6000;
const PROBE_PRESS_MS = 400;
/** A dash press is held this long, as a person's key press would be. */
const DASH_HOLD_MS = 100;

function outside(zone: Zone, p: Point): boolean {
  return (
    Math.abs(p.x - zone.center.x) > zone.halfSize || Math.abs(p.y - zone.center.y) > zone.halfSize
  );
}

export class Wanderer {
  private readonly random: SeededRandom;
  private buttons = 0;
  private segmentEndMs = 0;
  private dashUntilMs = 0;
  private nextProbeMs: number;
  private probeState: 'none' | 'resting' | 'pressing' = 'none';
  probe: Point | undefined;

  /** `probes` and `dashes` are on in the quiet zones, off in the melee crowd. */
  constructor(
    private readonly zone: Zone,
    seed: number,
    private readonly probes: boolean,
    private readonly dashes = probes,
  ) {
    this.random = new SeededRandom(seed);
    this.nextProbeMs = 3000 + this.random.between(0, PROBE_EVERY_MS);
  }

  decide(view: BotView): number {
    this.probe = undefined;
    if (this.probes && this.probeState !== 'none') return this.continueProbe(view);
    if (this.probes && view.elapsedMs >= this.nextProbeMs) {
      this.probeState = 'resting';
      return 0;
    }
    if (view.elapsedMs >= this.segmentEndMs) this.newSegment(view);
    if (outside(this.zone, view.self) && view.elapsedMs >= this.dashUntilMs) {
      return buttonsToward(this.zone.center.x - view.self.x, this.zone.center.y - view.self.y);
    }
    return view.elapsedMs < this.dashUntilMs ? this.buttons | Button.Dash : this.buttons;
  }

  private newSegment(view: BotView): void {
    this.segmentEndMs = view.elapsedMs + this.random.between(300, 1500);
    const toCenter = { x: this.zone.center.x - view.self.x, y: this.zone.center.y - view.self.y };
    const far = Math.abs(toCenter.x) + Math.abs(toCenter.y) > 30;
    if (this.dashes && far && view.self.dashCooldownTicks === 0 && this.random.chance(0.15)) {
      // Dashes aim at the zone centre, so they can never carry a player out to a neighbour.
      this.buttons = buttonsToward(toCenter.x, toCenter.y);
      this.dashUntilMs = view.elapsedMs + DASH_HOLD_MS;
      return;
    }
    const pick = Math.floor(this.random.next() * (EIGHT_DIRECTIONS.length + 2));
    this.buttons = EIGHT_DIRECTIONS[pick] ?? 0;
  }

  private continueProbe(view: BotView): number {
    if (this.probeState === 'resting') {
      const still = view.self.vx === 0 && view.self.vy === 0 && view.self.dashTicks === 0;
      if (!still) return 0;
      this.buttons = buttonsToward(
        this.zone.center.x - view.self.x,
        this.zone.center.y - view.self.y,
      );
      if (this.buttons === 0) this.buttons = Button.Right;
      this.probe = directionOf(this.buttons);
      this.probeState = 'pressing';
      this.segmentEndMs = view.elapsedMs + PROBE_PRESS_MS;
      return this.buttons;
    }
    if (view.elapsedMs < this.segmentEndMs) return this.buttons;
    this.probeState = 'none';
    this.nextProbeMs = view.elapsedMs + PROBE_EVERY_MS;
    return this.buttons;
  }
}

/** Keeps a dash's distance from the nearest non-hunter and dashes when lined up. */
export class Hunter {
  private readonly random: SeededRandom;
  private dashButtons = 0;
  private dashUntilMs = 0;
  private strafe = 0;
  private strafeEndMs = 0;
  readonly probe = undefined;

  constructor(
    private readonly config: SimConfig,
    seed: number,
    private readonly hunterIds: readonly number[],
  ) {
    this.random = new SeededRandom(seed);
  }

  decide(view: BotView): number {
    if (view.elapsedMs < this.dashUntilMs) return this.dashButtons | Button.Dash;
    const target = this.nearestPrey(view);
    if (!target) return 0;
    const dx = target.x - view.self.x;
    const dy = target.y - view.self.y;
    const distance = Math.sqrt(dx * dx + dy * dy);
    const aim = buttonsToward(dx, dy);
    if (
      view.self.dashCooldownTicks === 0 &&
      view.self.dashTicks === 0 &&
      this.linedUp(aim, dx, dy, distance)
    ) {
      this.dashButtons = aim;
      this.dashUntilMs = view.elapsedMs + DASH_HOLD_MS;
      return aim | Button.Dash;
    }
    if (distance > 120) return aim;
    if (distance < 70) return buttonsToward(-dx, -dy);
    return this.strafeAround(view, dx, dy);
  }

  private linedUp(aim: number, dx: number, dy: number, distance: number): boolean {
    if (distance < 50 || distance > 140) return false;
    const dir = directionOf(aim);
    const across = Math.abs(dx * dir.y - dy * dir.x);
    return across < this.config.playerRadius;
  }

  private strafeAround(view: BotView, dx: number, dy: number): number {
    if (view.elapsedMs >= this.strafeEndMs) {
      this.strafe = this.random.chance(0.5) ? 1 : -1;
      this.strafeEndMs = view.elapsedMs + this.random.between(300, 900);
    }
    return buttonsToward(-dy * this.strafe, dx * this.strafe);
  }

  private nearestPrey(view: BotView): Point | undefined {
    let best: Point | undefined;
    let bestDistance = Infinity;
    for (const [id, p] of view.remotes) {
      if (this.hunterIds.includes(id)) continue;
      const d = Math.hypot(p.x - view.self.x, p.y - view.self.y);
      if (d < bestDistance) [best, bestDistance] = [p, d];
    }
    return best;
  }
}

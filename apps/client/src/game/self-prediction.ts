/**
 * Simple client-side prediction of our own player: the last server state of self, plus every
 * input the server has not acknowledged yet, replayed with the same `movePlayer` the server
 * runs. A placeholder until shared/netcode's full prediction replaces it.
 */
import type { SnapshotPlayer } from '@arena/shared/protocol';
import { constantsFor, movePlayer, type PlayerState, type SimConfig } from '@arena/shared/sim';

interface PendingInput {
  seq: number;
  buttons: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A few seconds of inputs; past that the server is not acknowledging and replay is moot. */
const MAX_PENDING_INPUTS = 120;
/** How fast a correction from the server fades out of the drawn position. */
const CORRECTION_HALF_LIFE_MS = 60;
/** A correction this large is a teleport (respawn, new round): show it at once. */
const SNAP_DISTANCE_PX = 160;

function toPlayerState(p: SnapshotPlayer): PlayerState {
  const { id, x, y, vx, vy, score, dashTicks, dashCooldownTicks, lastButtons } = p;
  return { id, x, y, vx, vy, score, dashTicks, dashCooldownTicks, lastButtons };
}

export class SelfPrediction {
  private pending: PendingInput[] = [];
  private serverState: PlayerState | null = null;
  private previous: PlayerState | null = null;
  private current: PlayerState | null = null;
  private correction: Point = { x: 0, y: 0 };

  constructor(private readonly config: SimConfig) {}

  /** The newest server state of self; null before the first snapshot that contains us. */
  get server(): Readonly<PlayerState> | null {
    return this.serverState;
  }

  get predicted(): Readonly<PlayerState> | null {
    return this.current;
  }

  /** One local tick: predict it and remember it until the server acknowledges it. */
  applyInput(seq: number, buttons: number): void {
    this.pending.push({ seq, buttons });
    if (this.pending.length > MAX_PENDING_INPUTS) this.pending.shift();
    if (!this.current) return;
    this.previous = this.current;
    this.current = this.move({ ...this.current }, buttons);
  }

  /** Reconciliation: restart from the server's word and replay what it has not seen yet. */
  onServerState(self: SnapshotPlayer, ackedSeq: number): void {
    this.pending = this.pending.filter((input) => input.seq > ackedSeq);
    this.serverState = toPlayerState(self);
    let replayed: PlayerState = { ...this.serverState };
    for (const input of this.pending) replayed = this.move(replayed, input.buttons);
    if (this.current && this.previous) {
      // Move both ticks by the correction and draw the difference as a fading offset, so the
      // drawn position does not jump on this frame.
      const dx = this.current.x - replayed.x;
      const dy = this.current.y - replayed.y;
      this.previous = { ...this.previous, x: this.previous.x - dx, y: this.previous.y - dy };
      this.correction = { x: this.correction.x + dx, y: this.correction.y + dy };
      if (Math.hypot(this.correction.x, this.correction.y) > SNAP_DISTANCE_PX) {
        this.correction = { x: 0, y: 0 };
        this.previous = replayed;
      }
    }
    this.current = replayed;
    this.previous ??= replayed;
  }

  /** Lets the visible correction fade; call once per rendered frame. */
  fadeCorrection(frameDeltaMs: number): void {
    const fade = Math.pow(0.5, frameDeltaMs / CORRECTION_HALF_LIFE_MS);
    this.correction = { x: this.correction.x * fade, y: this.correction.y * fade };
  }

  /** Where to draw self: between the last two ticks, with any correction fading out. */
  drawPosition(alpha: number): Point | null {
    if (!this.current || !this.previous) return null;
    return {
      x: this.previous.x + (this.current.x - this.previous.x) * alpha + this.correction.x,
      y: this.previous.y + (this.current.y - this.previous.y) * alpha + this.correction.y,
    };
  }

  private move(state: PlayerState, buttons: number): PlayerState {
    movePlayer(state, buttons, this.config, constantsFor(this.config));
    return state;
  }
}

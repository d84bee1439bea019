/** What the scenes draw in one frame, and what the test view reports: plain read-only data. */
import type { ServerPayload } from '@arena/shared/protocol';
import type { RoundPhase } from '@arena/shared/sim';
import type { Point } from '@arena/shared/netcode/client';
import type { Feedback } from './feedback.js';

export interface DrawnPlayer {
  id: number;
  name: string;
  color: number;
  x: number;
  y: number;
  score: number;
  connected: boolean;
  isSelf: boolean;
  /** Self: as predicted, so a dash shows the moment it is pressed. */
  dashing: boolean;
  /** Dashes this player started since we joined (self: as predicted). */
  dashes: number;
  /** Times this player was seen knocked back by a dash, since we joined. */
  knockbacks: number;
}

export interface DrawnCoin {
  id: number;
  x: number;
  y: number;
}

export interface HudState {
  round: number;
  phase: RoundPhase;
  secondsLeft: number;
  /** Our score; null for a spectator. */
  score: number | null;
  playerCount: number;
}

export type RoundEnded = ServerPayload<'round:ended'>;

export interface RenderFrame {
  roomCode: string;
  arena: { width: number; height: number };
  playerRadius: number;
  coinRadius: number;
  players: readonly DrawnPlayer[];
  coins: readonly DrawnCoin[];
  self: DrawnPlayer | null;
  /** Null until the first snapshot. */
  hud: HudState | null;
  /** Set from `round:ended` until the next round starts. */
  scoreboard: RoundEnded | null;
  /** Latest predicted tick of self (before render blending) and the server's latest word. */
  predicted: Point | null;
  server: Point | null;
  /** What happened since the previous frame: effects and sounds play it once. */
  feedback: readonly Feedback[];
}

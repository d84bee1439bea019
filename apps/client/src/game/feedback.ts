/**
 * What just happened, for effects and sounds: coins picked up, dashes started, players
 * knocked back, the round won. Found by comparing each frame with the one before, so it needs
 * nothing from the server beyond what is drawn, and our own pickups and dashes (predicted)
 * are felt the moment they are drawn.
 */
import type { DrawnPlayer, RenderFrame } from './render-frame.js';

export type Feedback =
  /** A coin vanished; `self` when it was ours (our score went up). */
  | { kind: 'pickup'; x: number; y: number; self: boolean }
  | { kind: 'dash'; x: number; y: number; color: number; self: boolean }
  /** `self`: we were knocked, or we were dashing when someone was. */
  | { kind: 'hit'; x: number; y: number; self: boolean }
  | { kind: 'round-over'; won: boolean; tie: boolean };

export type FeedbackKind = Feedback['kind'];

/** Everything counted since joining the room, by kind (what the test view reports). */
export type FeedbackCounts = Record<FeedbackKind, number>;

/** The frame fields this looks at. */
export type FeedbackFrame = Pick<RenderFrame, 'players' | 'coins' | 'self' | 'hud' | 'scoreboard'>;

function coinFeedback(before: FeedbackFrame, now: FeedbackFrame): Feedback[] {
  const playing = before.hud?.phase === 'playing' && now.hud?.phase === 'playing';
  if (!playing || before.hud?.round !== now.hud?.round) return [];
  const left = new Set(now.coins.map((c) => c.id));
  const selfScored = (now.self?.score ?? 0) > (before.self?.score ?? 0);
  return before.coins
    .filter((c) => !left.has(c.id))
    .map((c) => ({ kind: 'pickup', x: c.x, y: c.y, self: selfScored }));
}

function playerFeedback(before: FeedbackFrame, now: FeedbackFrame): Feedback[] {
  const previous = new Map(before.players.map((p) => [p.id, p]));
  const selfDashing = before.self?.dashing === true || now.self?.dashing === true;
  const found: Feedback[] = [];
  for (const p of now.players) {
    const was: DrawnPlayer | undefined = previous.get(p.id);
    if (!was) continue;
    if (p.dashes > was.dashes) {
      found.push({ kind: 'dash', x: p.x, y: p.y, color: p.color, self: p.isSelf });
    }
    if (p.knockbacks > was.knockbacks) {
      found.push({ kind: 'hit', x: p.x, y: p.y, self: p.isSelf || selfDashing });
    }
  }
  return found;
}

function roundFeedback(before: FeedbackFrame, now: FeedbackFrame): Feedback[] {
  const ended = now.scoreboard;
  if (!ended || before.scoreboard) return [];
  const selfId = now.self?.id;
  const won = ended.winners.some((w) => w.id === selfId);
  return [{ kind: 'round-over', won, tie: ended.winners.length > 1 }];
}

export class FeedbackDetector {
  private last: FeedbackFrame | null = null;
  readonly counts: FeedbackCounts = { pickup: 0, dash: 0, hit: 0, 'round-over': 0 };

  /** What happened between the previous frame and this one. */
  detect(frame: FeedbackFrame): Feedback[] {
    const before = this.last;
    this.last = frame;
    if (!before) return [];
    const found = [
      ...coinFeedback(before, frame),
      ...playerFeedback(before, frame),
      ...roundFeedback(before, frame),
    ];
    for (const event of found) this.counts[event.kind] += 1;
    return found;
  }
}

/**
 * The HUD beside the arena (above it on a phone): our score, the round and its timer, and a
 * leaderboard that fits any room size (the best few, then us). It is part of the page's
 * layout, next to the canvas, so it never covers a player. Checked every animation frame and
 * written only when something changed.
 */
import type { ArenaClient } from '../game/arena-client.js';
import { topWithSelf } from '../game/ranks.js';
import type { HudState, RenderFrame } from '../game/render-frame.js';
import { formatClock } from './format-clock.js';
import { colorToCss } from './preferences.js';

/** Leaderboard rows: a phone shows a short strip, a wider screen a column. */
const ROWS_NARROW = 3;
const ROWS_WIDE = 8;
const NARROW_QUERY = '(max-width: 719px)';

export function hudLine(hud: HudState): string {
  const score = hud.score === null ? 'Watching' : `Score ${hud.score}`;
  const timer =
    hud.phase === 'playing'
      ? `Round ${hud.round} · ${formatClock(hud.secondsLeft)}`
      : `Round ${hud.round} over · next in ${hud.secondsLeft}s`;
  return `${score} · ${timer}`;
}

function row(rank: number, name: string, score: number, color: number, self: boolean) {
  const item = document.createElement('li');
  if (self) item.className = 'self';
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.style.background = colorToCss(color);
  const cells = [`${rank}.`, name, String(score)].map((text, i) => {
    const cell = document.createElement('span');
    cell.className = ['rank', 'name', 'score'][i]!;
    cell.textContent = text;
    return cell;
  });
  item.append(cells[0]!, swatch, cells[1]!, cells[2]!);
  return item;
}

function leaderboardRows(frame: RenderFrame, limit: number): HTMLLIElement[] {
  const { rows, hidden } = topWithSelf(frame.players, frame.self?.id ?? 0, limit);
  const items = rows.map(({ rank, entry: p }) => row(rank, p.name, p.score, p.color, p.isSelf));
  if (hidden > 0) {
    const more = document.createElement('li');
    more.className = 'more';
    more.textContent = `+${hidden} more`;
    items.push(more);
  }
  return items;
}

export function mountHudPanel(client: ArenaClient, line: HTMLElement, board: HTMLElement): void {
  const narrow = window.matchMedia(NARROW_QUERY);
  let shown = '';
  const render = () => {
    requestAnimationFrame(render);
    const frame = client.frame;
    const limit = narrow.matches ? ROWS_NARROW : ROWS_WIDE;
    const text = frame?.hud ? hudLine(frame.hud) : '';
    const players = frame?.players.map((p) => `${p.id}:${p.name}:${p.score}:${p.color}`) ?? [];
    const key = `${limit}|${text}|${players.join(',')}`;
    if (key === shown) return;
    shown = key;
    line.textContent = text;
    board.replaceChildren(...(frame ? leaderboardRows(frame, limit) : []));
  };
  requestAnimationFrame(render);
}

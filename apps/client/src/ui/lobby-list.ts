/**
 * The public rooms in the lobby, live: name, players/limit, watchers, the round and its time
 * left, with Join and Watch buttons. Rows are kept and updated in place (keyed by room code),
 * never rebuilt: a button replaced between mouse-down and mouse-up would swallow the click.
 */
import type { LobbyFeed, LobbyRoom } from '../game/lobby-feed.js';
import { formatClock } from './format-clock.js';

export interface LobbyListActions {
  join(code: string): void;
  watch(code: string): void;
}

/** The countdown in each row ticks locally between the server's updates. */
const COUNTDOWN_REFRESH_MS = 1000;

function setText(element: HTMLElement, text: string): void {
  // textContent only: room names are typed by players.
  if (element.textContent !== text) element.textContent = text;
}

function roundText(room: LobbyRoom, secondsLeft: number): string {
  return room.phase === 'playing'
    ? `round ${room.round} · ${formatClock(secondsLeft)} left`
    : `round ${room.round} over · next in ${secondsLeft}s`;
}

class RoomRow {
  readonly item = document.createElement('li');
  private readonly name = document.createElement('span');
  private readonly meta = document.createElement('span');
  private readonly join = document.createElement('button');
  private readonly watch = document.createElement('button');

  constructor(code: string, actions: LobbyListActions) {
    this.item.className = 'room';
    this.item.dataset['code'] = code;
    this.name.className = 'room-name';
    this.meta.className = 'room-meta small';
    const info = document.createElement('span');
    info.className = 'room-info';
    info.append(this.name, this.meta);
    this.join.type = this.watch.type = 'button';
    this.join.className = 'room-join';
    this.watch.className = 'room-watch secondary';
    this.watch.textContent = 'Watch';
    this.join.addEventListener('click', () => actions.join(code));
    this.watch.addEventListener('click', () => actions.watch(code));
    this.item.append(info, this.join, this.watch);
  }

  update(room: LobbyRoom, secondsLeft: number): void {
    const full = room.players >= room.maxPlayers;
    const watching = room.spectators > 0 ? ` · ${room.spectators} watching` : '';
    setText(this.name, room.name);
    setText(
      this.meta,
      `${room.players}/${room.maxPlayers} players${watching} · ${roundText(room, secondsLeft)}`,
    );
    setText(this.join, full ? 'Full' : 'Join');
    this.join.disabled = full;
    this.item.dataset['players'] = String(room.players);
  }
}

export function mountLobbyList(
  feed: LobbyFeed,
  list: HTMLUListElement,
  empty: HTMLElement,
  actions: LobbyListActions,
): void {
  const rows = new Map<string, RoomRow>();
  const render = () => {
    const codes = new Set(feed.rooms.map((room) => room.code));
    for (const [code, row] of rows) {
      if (codes.has(code)) continue;
      row.item.remove();
      rows.delete(code);
    }
    feed.rooms.forEach((room, index) => {
      let row = rows.get(room.code);
      if (!row) rows.set(room.code, (row = new RoomRow(room.code, actions)));
      row.update(room, feed.secondsLeft(room));
      // Moves a row only when the server's order changed, so a row under the mouse stays put.
      if (list.children[index] !== row.item)
        list.insertBefore(row.item, list.children[index] ?? null);
    });
    empty.hidden = rows.size > 0;
  };
  feed.onChange(render);
  setInterval(render, COUNTDOWN_REFRESH_MS);
  render();
}

/**
 * "Reconnecting…" over the game while this tab is in a room and its connection is down. The
 * seat is held by the server for its grace period; the banner goes once the socket is open
 * again (the seat comes back with `room:joined`, resumed).
 */
import type { ArenaClient } from '../game/arena-client.js';
import { ConnectionStatus } from '../net/game-connection.js';

export function isReconnecting(client: ArenaClient): boolean {
  const state = client.connection.state;
  return client.session !== null && state.status !== ConnectionStatus.Open && !state.outdated;
}

export function mountReconnectBanner(client: ArenaClient, banner: HTMLElement): void {
  const render = () => {
    const show = isReconnecting(client);
    banner.hidden = !show;
    if (!show) return;
    const keep = client.session?.isPlayer ? ' Your seat is kept for you.' : '';
    const text = `Connection lost: reconnecting…${keep}`;
    if (banner.textContent !== text) banner.textContent = text;
  };
  client.onSessionChange(render);
  client.connection.onStateChange(render);
  render();
}

/**
 * Keeps sockets in the `lobby` channel up to date with the public room list: on every change
 * (throttled, so a burst of joins is one message) and every few seconds for the round timers.
 */
import type { GameServices } from '../services.js';

/** The socket.io room of the sockets that follow the lobby list. */
export const LOBBY_CHANNEL = 'lobby';

const MIN_INTERVAL_MS = 250;
const REFRESH_MS = 3000;

export function startLobbyFeed(services: GameServices): () => void {
  let pending: NodeJS.Timeout | null = null;
  let lastSentMs = 0;

  const send = (): void => {
    pending = null;
    lastSentMs = Date.now();
    if ((services.io.sockets.adapter.rooms.get(LOBBY_CHANNEL)?.size ?? 0) === 0) return;
    // Every process of a cluster feeds its own lobby sockets the whole cluster's list.
    services.io.local.to(LOBBY_CHANNEL).emit('lobby:rooms', { rooms: services.lobby.lobbyList() });
  };

  const schedule = (): void => {
    if (pending) return;
    const wait = Math.max(0, lastSentMs + MIN_INTERVAL_MS - Date.now());
    pending = setTimeout(send, wait);
  };

  const unsubscribe = services.lobby.onLobbyChange(schedule);
  const refresh = setInterval(schedule, REFRESH_MS);
  refresh.unref();
  return () => {
    unsubscribe();
    clearInterval(refresh);
    if (pending) clearTimeout(pending);
  };
}

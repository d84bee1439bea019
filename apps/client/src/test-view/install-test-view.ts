/**
 * Exposes `window.__arena`: frozen, getter-only, so tests can read what this tab shows (it
 * follows the frame the scene drew last) and cannot change anything through it.
 */
import type { ArenaClient } from '../game/arena-client.js';
import type { ArenaTestPlayer, ArenaTestPoint, ArenaTestView } from './arena-test-view.js';

function point(p: { x: number; y: number } | null | undefined): ArenaTestPoint | null {
  return p ? Object.freeze({ x: p.x, y: p.y }) : null;
}

export function createTestView(client: ArenaClient): ArenaTestView {
  return Object.freeze({
    get connection() {
      return client.connection.state.status;
    },
    get transport() {
      return client.connection.state.transport;
    },
    get selfId() {
      return client.session?.selfId ?? null;
    },
    get roomCode() {
      return client.session?.code ?? null;
    },
    get players(): readonly ArenaTestPlayer[] {
      const players = client.frame?.players ?? [];
      return Object.freeze(
        players.map(({ id, name, x, y, score }) => Object.freeze({ id, name, x, y, score })),
      );
    },
    get predicted() {
      return point(client.frame?.predicted);
    },
    get server() {
      return point(client.frame?.server);
    },
    get snapshotsReceived() {
      return client.session?.snapshotsReceived ?? 0;
    },
  });
}

export function installTestView(client: ArenaClient): void {
  Object.defineProperty(window, '__arena', {
    value: createTestView(client),
    writable: false,
    configurable: false,
    enumerable: false,
  });
}

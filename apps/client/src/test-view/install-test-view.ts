/**
 * Exposes `window.__arena`: frozen, getter-only, so tests can read what this tab shows (it
 * follows the frame the scene drew last) and cannot change anything through it.
 */
import type { ArenaClient } from '../game/arena-client.js';
import type { ArenaTestPlayer, ArenaTestPoint, ArenaTestView } from './arena-test-view.js';
import { feelView, type FeelSources } from './feel-view.js';
import { netView } from './net-view.js';
import { roomLifeView, type RoomLifeSources } from './room-life-view.js';

function point(p: { x: number; y: number } | null | undefined): ArenaTestPoint | null {
  return p ? Object.freeze({ x: p.x, y: p.y }) : null;
}

type CoreView = Omit<
  ArenaTestView,
  | keyof ReturnType<typeof roomLifeView>
  | keyof ReturnType<typeof netView>
  | keyof ReturnType<typeof feelView>
>;

export type TestViewSources = RoomLifeSources & FeelSources;

export function createTestView(client: ArenaClient, sources: TestViewSources): ArenaTestView {
  // Merged by descriptor: spreading would read every getter once and freeze the values.
  const view = {};
  Object.defineProperties(view, Object.getOwnPropertyDescriptors(coreView(client)));
  Object.defineProperties(view, Object.getOwnPropertyDescriptors(roomLifeView(client, sources)));
  Object.defineProperties(view, Object.getOwnPropertyDescriptors(netView(client)));
  Object.defineProperties(view, Object.getOwnPropertyDescriptors(feelView(client, sources)));
  return Object.freeze(view as ArenaTestView);
}

function coreView(client: ArenaClient): CoreView {
  return {
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
        players.map(({ id, name, x, y, score, color, dashing }) =>
          Object.freeze({ id, name, x, y, score, color, dashing }),
        ),
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
  };
}

export function installTestView(client: ArenaClient, sources: TestViewSources): void {
  Object.defineProperty(window, '__arena', {
    value: createTestView(client, sources),
    writable: false,
    configurable: false,
    enumerable: false,
  });
}

/**
 * The part of `window.__arena` about life around the game: role, chat, the lobby
 * list, who is drawn as reconnecting, the round and its scoreboard. Getters only, plain copies.
 */
import type { ArenaClient } from '../game/arena-client.js';
import type { ChatLog } from '../game/chat-log.js';
import type { LobbyFeed } from '../game/lobby-feed.js';
import { winnerLine } from '../scenes/scoreboard-text.js';
import { isReconnecting } from '../ui/reconnect-banner.js';
import type {
  ArenaTestChatLine,
  ArenaTestLobbyRoom,
  ArenaTestRound,
  ArenaTestScoreboard,
  ArenaTestView,
} from './arena-test-view.js';

export interface RoomLifeSources {
  chat: ChatLog;
  lobby: LobbyFeed;
}

type RoomLifeView = Pick<
  ArenaTestView,
  'role' | 'chat' | 'lobbyRooms' | 'reconnecting' | 'selfReconnecting' | 'round' | 'scoreboard'
>;

function scoreboardOf(client: ArenaClient): ArenaTestScoreboard | null {
  const ended = client.frame?.scoreboard;
  if (!ended) return null;
  const winners = Object.freeze(ended.winners.map((w) => w.name));
  const rows = ended.scoreboard.map(({ id, name, score }) => Object.freeze({ id, name, score }));
  return Object.freeze({
    round: ended.round,
    winner: winners[0] ?? null,
    winners,
    headline: winnerLine(ended),
    rows: Object.freeze(rows),
  });
}

function lobbyRoomsOf(lobby: LobbyFeed): readonly ArenaTestLobbyRoom[] {
  return Object.freeze(
    lobby.rooms.map(({ code, name, players, maxPlayers, spectators, phase }) =>
      Object.freeze({ code, name, players, maxPlayers, spectators, phase }),
    ),
  );
}

export function roomLifeView(client: ArenaClient, sources: RoomLifeSources): RoomLifeView {
  return {
    get role() {
      const session = client.session;
      return session ? (session.isPlayer ? 'player' : 'spectator') : null;
    },
    get chat(): readonly ArenaTestChatLine[] {
      const lines = sources.chat.lines;
      return Object.freeze(
        lines.map(({ from, fromId, text }) => Object.freeze({ from, fromId, text })),
      );
    },
    get lobbyRooms() {
      return lobbyRoomsOf(sources.lobby);
    },
    get reconnecting() {
      const players = client.frame?.players ?? [];
      return Object.freeze(players.filter((p) => !p.connected).map((p) => p.id));
    },
    get selfReconnecting() {
      return isReconnecting(client);
    },
    get round(): ArenaTestRound | null {
      const hud = client.frame?.hud;
      return hud
        ? Object.freeze({ number: hud.round, phase: hud.phase, secondsLeft: hud.secondsLeft })
        : null;
    },
    get scoreboard() {
      return scoreboardOf(client);
    },
  };
}

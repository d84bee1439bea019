/** Starts the client: connection, input, lobby, game, test view. Nothing else lives here. */
import { ArenaClient } from './game/arena-client.js';
import { ChatLog } from './game/chat-log.js';
import { LobbyFeed } from './game/lobby-feed.js';
import { connect } from './net/connection.js';
import { linkProfileFromQuery, withSimulatedLink } from './net/simulated-link-connection.js';
import { mirrorOpener, mirrorWanted } from './net/snapshot-mirror.js';
import { startPhaser } from './phaser-game.js';
import { rendererFromQuery } from './renderer-choice.js';
import { DrawnLabels } from './scenes/drawn-labels.js';
import { installTestView } from './test-view/install-test-view.js';
import { mountChatPanel } from './ui/chat-panel.js';
import { mountHudPanel } from './ui/hud-panel.js';
import { KeyboardInput } from './ui/keyboard-input.js';
import { mountLobby } from './ui/lobby.js';
import { byId } from './ui/lobby-elements.js';
import { mountMuteButton } from './ui/mute-button.js';
import { mountNetHud } from './ui/net-hud.js';
import { releaseInputWhenHidden } from './ui/page-visibility.js';
import { loadMuted } from './ui/preferences.js';
import { mountReconnectBanner } from './ui/reconnect-banner.js';
import { mountRoomLayout } from './ui/room-layout.js';
import { mountSeatReplaced } from './ui/seat-replaced.js';
import { SoundBoard } from './ui/sound-board.js';
import { mountStatusLine } from './ui/status-line.js';
import { TouchControls } from './ui/touch-controls.js';

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html lacks #${id}`);
  return found;
}

// `?lag=150&jitter=30&stall=2` or `?net=far`: play over a simulated bad network.
const link = linkProfileFromQuery(window.location.search);
const connection = link.profile ? withSimulatedLink(connect(), link.profile) : connect();
const keyboard = new KeyboardInput();
const touch = new TouchControls(
  element('touch-controls'),
  element('touch-stick'),
  element('touch-knob'),
  element('touch-dash'),
);
const sounds = new SoundBoard(loadMuted());
const labels = new DrawnLabels();
// `?streams=1|2`, or a touch device: a second connection for our seat's snapshots.
const touchDevice = window.matchMedia('(pointer: coarse)').matches;
const openMirror = mirrorWanted(window.location.search, touchDevice)
  ? mirrorOpener(link.profile)
  : undefined;
const client = new ArenaClient(
  connection,
  {
    buttons: () => keyboard.buttons() | touch.buttons(),
    carried: (ticks) => {
      keyboard.carried(ticks);
      touch.carried(ticks);
    },
  },
  undefined,
  openMirror,
);
const isPlaying = () => client.session?.isPlayer === true;

keyboard.attach(window, isPlaying);
touch.attach(isPlaying);
releaseInputWhenHidden(client);
mountStatusLine(connection, element('status'), link.problem);
const lobbyFeed = new LobbyFeed(client);
const chat = new ChatLog(client);
mountLobby(client, document, lobbyFeed);
mountChatPanel(client, chat);
mountReconnectBanner(client, element('reconnecting'));
mountSeatReplaced(client, document);
mountNetHud(client, element('net-hud'), byId(document, 'net-hud-toggle', HTMLButtonElement));
mountMuteButton(sounds, byId(document, 'mute', HTMLButtonElement));
mountRoomLayout(client, document.body, element('hud'));
mountHudPanel(client, element('hud-line'), element('leaderboard'));
installTestView(client, { chat, lobby: lobbyFeed, sounds, labels });
startPhaser({
  parent: element('game'),
  client,
  onFeedback: (frame) => sounds.playFeedback(frame.feedback),
  labels,
  bottomInsetPx: () => touch.coveredHeightPx(),
  renderer: rendererFromQuery(window.location.search),
});

/**
 * The DOM lobby: name and colour (remembered), quick play, the live list of public rooms,
 * create a room, join by code or link (or watch, when full), and the room bar once inside. Player text only ever goes in via `textContent`
 * or an input's `value`.
 */
import { ErrorCode, normalizeRoomCode } from '@arena/shared/protocol';
import type { ArenaClient, Identity, Notice } from '../game/arena-client.js';
import type { LobbyFeed } from '../game/lobby-feed.js';
import type { RoomSession } from '../game/room-session.js';
import { ConnectionStatus } from '../net/game-connection.js';
import { findLobbyElements, type LobbyElements } from './lobby-elements.js';
import { mountLobbyList } from './lobby-list.js';
import {
  colorToCss,
  cssToColor,
  loadColor,
  loadName,
  loadPublicRooms,
  normalizeName,
  saveColor,
  saveName,
  savePublicRooms,
} from './preferences.js';
import { roomCodeFromUrl, shareLinkFor, showRoomInAddressBar } from './room-link.js';

const TOAST_MS = 5000;

/** Notices another panel shows in its own place (chat panel, seat-taken box). */
function shownElsewhere(notice: Notice): boolean {
  return notice.event === 'chat:send' || notice.code === ErrorCode.SessionReplaced;
}

class Lobby {
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  /** The room a refused join asked for: "Watch instead" watches it. */
  private offeredCode: string | null = null;
  /**
   * The room of the link this page was opened with, until we are in it or it failed: it stays
   * in the address bar meanwhile, so a reload while choosing a name still goes there.
   */
  private linkedCode: string | null = null;

  constructor(
    private readonly client: ArenaClient,
    private readonly el: LobbyElements,
    private readonly feed: LobbyFeed,
  ) {}

  mount(): void {
    const { el } = this;
    el.nameInput.value = loadName();
    el.colorInput.value = colorToCss(loadColor());
    el.nameInput.addEventListener('input', () => saveName(el.nameInput.value));
    el.colorInput.addEventListener('input', () => saveColor(cssToColor(el.colorInput.value)));
    el.createButton.addEventListener('click', () => this.create());
    el.profileForm.addEventListener('submit', (event) => this.onProfileSubmit(event));
    el.joinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.join(el.joinCode.value);
    });
    this.mountRoomChoices();
    el.copyButton.addEventListener('click', () => void this.copyLink());
    el.leaveButton.addEventListener('click', () => this.client.leaveRoom());
    this.client.onSessionChange((session) => this.show(session));
    this.client.onNotice((notice) => this.showNotice(notice));
    this.client.connection.onStateChange((state) => {
      if (state.status === ConnectionStatus.Error && state.outdated) this.say(state.detail);
    });
    this.linkedCode = roomCodeFromUrl(window.location.href);
    this.show(null);
    if (this.linkedCode) this.joinFromLink(this.linkedCode);
  }

  private mountRoomChoices(): void {
    const { el } = this;
    el.publicCheckbox.checked = loadPublicRooms();
    el.publicCheckbox.addEventListener('change', () => savePublicRooms(el.publicCheckbox.checked));
    el.quickPlayButton.addEventListener('click', () => this.quickPlay());
    el.watchInsteadButton.addEventListener('click', () => {
      if (this.offeredCode) this.watch(this.offeredCode);
    });
    mountLobbyList(this.feed, el.roomList, el.roomListEmpty, {
      join: (code) => this.join(code),
      watch: (code) => this.watch(code),
    });
  }

  /** `/?room=CODE`: join at once when a name is known, otherwise ask for one first. */
  private joinFromLink(code: string): void {
    this.el.joinCode.value = code;
    if (normalizeName(this.el.nameInput.value)) {
      this.join(code);
    } else {
      this.say(`Choose a name to join room ${code}, then press Enter or Join.`);
      this.el.nameInput.focus();
    }
  }

  /** Enter in the name field joins the room whose code is filled in, if any. */
  private onProfileSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.el.joinCode.value.trim()) this.join(this.el.joinCode.value);
    else this.el.createButton.focus();
  }

  private identity(): Identity | null {
    const name = normalizeName(this.el.nameInput.value);
    if (!name) {
      this.say('Choose a name first.');
      this.el.nameInput.focus();
      return null;
    }
    saveName(name);
    return { name, color: cssToColor(this.el.colorInput.value) };
  }

  private create(): void {
    const identity = this.identity();
    if (!identity) return;
    this.say('Creating a room…');
    this.client.createRoom(identity, {
      isPublic: this.el.publicCheckbox.checked,
      roomName: this.el.roomNameInput.value,
    });
  }

  private quickPlay(): void {
    const identity = this.identity();
    if (!identity) return;
    this.say('Finding a room…');
    this.client.quickPlay(identity);
  }

  private watch(code: string): void {
    const identity = this.identity();
    if (!identity) return;
    this.say(`Joining room ${code} to watch…`);
    // A refused watch must not offer to watch again.
    this.offeredCode = null;
    this.client.joinRoom(code, identity, { spectate: true });
  }

  private join(typedCode: string): void {
    const code = normalizeRoomCode(typedCode);
    if (!code) {
      this.say('A room code is 5 letters or digits, like K7P2Q.');
      this.el.joinCode.focus();
      return;
    }
    const identity = this.identity();
    if (!identity) return;
    this.say(`Joining room ${code}…`);
    this.offeredCode = code;
    this.client.joinRoom(code, identity);
  }

  private show(session: RoomSession | null): void {
    const { el } = this;
    el.lobby.hidden = session !== null;
    el.roomBar.hidden = session === null;
    el.watchOffer.hidden = true;
    if (session) this.linkedCode = null;
    showRoomInAddressBar(session?.code ?? this.linkedCode);
    if (!session) return;
    el.roomCode.textContent = session.code;
    el.roomNameShown.textContent = session.name === `Room ${session.code}` ? '' : session.name;
    el.roomRole.hidden = session.isPlayer;
    el.shareLink.value = shareLinkFor(session.code, window.location.href);
    el.joinCode.value = '';
    this.say('');
    // Focus left on a lobby button would turn Space (dash) into a click.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  }

  private async copyLink(): Promise<void> {
    const link = this.el.shareLink.value;
    this.el.copyButton.blur();
    try {
      // Missing outside secure contexts (plain http on a LAN address).
      await navigator.clipboard.writeText(link);
      this.toast('Link copied: send it to your friends.');
    } catch {
      this.el.shareLink.select();
      this.toast('Press Ctrl+C (or long-press) to copy the selected link.');
    }
  }

  private showNotice(notice: Notice): void {
    if (shownElsewhere(notice)) return;
    if (this.client.session) this.toast(notice.message);
    else this.say(notice.message);
    // A full room: offer to watch it instead of playing.
    const full = notice.code === ErrorCode.RoomFull && notice.event === 'room:join';
    this.el.watchOffer.hidden = !(full && this.offeredCode && !this.client.session);
    const failedJoin = notice.event === 'room:join' || notice.code === ErrorCode.RoomNotFound;
    if (failedJoin && !this.client.session) {
      this.linkedCode = null;
      showRoomInAddressBar(null);
    }
  }

  private say(text: string): void {
    this.el.message.textContent = text;
  }

  private toast(text: string): void {
    const { toast } = this.el;
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      toast.hidden = true;
    }, TOAST_MS);
  }
}

export function mountLobby(client: ArenaClient, root: Document, feed: LobbyFeed): void {
  new Lobby(client, findLobbyElements(root), feed).mount();
}

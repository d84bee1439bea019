/**
 * The DOM lobby: name and colour (remembered), create a room, join by code or link, and the
 * room bar with the share link once inside. Player text only ever goes in via `textContent`
 * or an input's `value`.
 */
import { normalizeRoomCode } from '@arena/shared/protocol';
import type { ArenaClient, Identity, Notice } from '../game/arena-client.js';
import type { RoomSession } from '../game/room-session.js';
import { ConnectionStatus } from '../net/game-connection.js';
import { findLobbyElements, type LobbyElements } from './lobby-elements.js';
import {
  colorToCss,
  cssToColor,
  loadColor,
  loadName,
  normalizeName,
  saveColor,
  saveName,
} from './preferences.js';
import { roomCodeFromUrl, shareLinkFor, showRoomInAddressBar } from './room-link.js';

const TOAST_MS = 5000;

class Lobby {
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: ArenaClient,
    private readonly el: LobbyElements,
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
    el.copyButton.addEventListener('click', () => void this.copyLink());
    el.leaveButton.addEventListener('click', () => this.client.leaveRoom());
    this.client.onSessionChange((session) => this.show(session));
    this.client.onNotice((notice) => this.showNotice(notice));
    this.client.connection.onStateChange((state) => {
      if (state.status === ConnectionStatus.Error && state.outdated) this.say(state.detail);
    });
    // Read the link before show() tidies the address bar.
    const linkedCode = roomCodeFromUrl(window.location.href);
    this.show(null);
    if (linkedCode) this.joinFromLink(linkedCode);
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
    this.client.createRoom(identity, { isPublic: this.el.publicCheckbox.checked });
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
    this.client.joinRoom(code, identity);
  }

  private show(session: RoomSession | null): void {
    const { el } = this;
    el.lobby.hidden = session !== null;
    el.roomBar.hidden = session === null;
    showRoomInAddressBar(session?.code ?? null);
    if (!session) return;
    el.roomCode.textContent = session.code;
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
    if (this.client.session) this.toast(notice.message);
    else this.say(notice.message);
    const failedJoin = notice.event === 'room:join' || notice.code === 'ROOM_NOT_FOUND';
    if (failedJoin && !this.client.session) showRoomInAddressBar(null);
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

export function mountLobby(client: ArenaClient, root: Document): void {
  new Lobby(client, findLobbyElements(root)).mount();
}

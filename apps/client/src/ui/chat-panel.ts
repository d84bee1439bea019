/**
 * The room's chat panel. Enter opens it (focuses the field) and sends; while the field has
 * focus every key goes to it, never to the player (keyboard-input skips typing targets), and
 * sending or Escape hands the keys back to the game. Messages go in through `textContent` only:
 * `<b>` typed by a player is shown as the four characters it is.
 */
import type { ArenaClient, Notice } from '../game/arena-client.js';
import type { ChatLine, ChatLog } from '../game/chat-log.js';
import { isTyping } from './keyboard-input.js';
import { byId } from './lobby-elements.js';

/** How long a refusal (rate limit, too long) stays under the field. */
const NOTICE_MS = 3000;

function lineItem(line: ChatLine): HTMLLIElement {
  const item = document.createElement('li');
  const from = document.createElement('span');
  from.className = line.fromId === 0 ? 'chat-from chat-spectator' : 'chat-from';
  from.textContent = `${line.from}: `;
  const text = document.createElement('span');
  text.className = 'chat-text';
  text.textContent = line.text;
  item.append(from, text);
  return item;
}

class ChatPanel {
  private readonly panel = byId(document, 'chat', HTMLElement);
  private readonly log = byId(document, 'chat-log', HTMLOListElement);
  private readonly form = byId(document, 'chat-form', HTMLFormElement);
  private readonly input = byId(document, 'chat-input', HTMLInputElement);
  private readonly notice = byId(document, 'chat-notice', HTMLElement);
  /** Who is watching: they read this chat too, so the players always see them listed. */
  private readonly watchers = byId(document, 'chat-watchers', HTMLElement);
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: ArenaClient,
    private readonly chat: ChatLog,
  ) {}

  mount(): void {
    // A phone has no Enter key to press until its keyboard is open.
    if (window.matchMedia('(pointer: coarse)').matches) this.input.placeholder = 'Chat…';
    this.client.onSessionChange((session) => {
      this.panel.hidden = session === null;
      if (!session) this.input.blur();
    });
    this.chat.onChange(() => this.render());
    this.client.connection.on('room:joined', ({ spectators }) => this.showWatchers(spectators));
    this.client.connection.on('room:spectators', ({ names }) => this.showWatchers(names));
    this.client.onNotice((notice) => this.showNotice(notice));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.chat.send(this.input.value);
      this.input.value = '';
      this.input.blur();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.input.blur();
    });
    window.addEventListener('keydown', (event) => this.openOnEnter(event));
  }

  /** Enter anywhere in the game (not in a field, not on a button) opens the chat field. */
  private openOnEnter(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing || !this.client.session) return;
    if (isTyping(event.target) || event.target instanceof HTMLButtonElement) return;
    // Without this, the same Enter would submit the empty field it just focused.
    event.preventDefault();
    this.input.focus();
  }

  private showWatchers(names: readonly string[]): void {
    this.watchers.hidden = names.length === 0;
    this.watchers.textContent = `Watching: ${names.join(', ')}`;
  }

  private render(): void {
    const log = this.log;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 24;
    log.replaceChildren(...this.chat.lines.map(lineItem));
    // Follow new messages unless the player scrolled up to read older ones.
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  private showNotice(notice: Notice): void {
    if (notice.event !== 'chat:send' || !this.client.session) return;
    this.notice.textContent = notice.message;
    this.notice.hidden = false;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice.hidden = true), NOTICE_MS);
  }
}

export function mountChatPanel(client: ArenaClient, chat: ChatLog): void {
  new ChatPanel(client, chat).mount();
}

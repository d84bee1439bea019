/**
 * The chat of the room this tab is in: the history the server sent with `room:joined`, then
 * every `chat:message`. Plain data; the panel that shows it only ever uses `textContent`.
 */
import { CHAT_MAX_LENGTH, type ServerPayload } from '@arena/shared/protocol';
import type { ArenaClient } from './arena-client.js';

export type ChatLine = ServerPayload<'chat:message'>;

/** Lines kept in memory (the server's history is shorter; this covers a long session). */
const MAX_LINES = 100;

function sameLine(a: ChatLine, b: ChatLine): boolean {
  return a.atMs === b.atMs && a.fromId === b.fromId && a.from === b.from && a.text === b.text;
}

export class ChatLog {
  private list: ChatLine[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly client: ArenaClient) {
    client.connection.on('room:joined', ({ chatHistory }) => this.replace(chatHistory));
    client.connection.on('chat:message', (line) => this.append(line));
    client.onSessionChange((session) => {
      if (!session) this.replace([]);
    });
  }

  get lines(): readonly ChatLine[] {
    return this.list;
  }

  /** Sends a message typed by the player; false when there was nothing to send. */
  send(typed: string): boolean {
    const text = typed.trim().slice(0, CHAT_MAX_LENGTH);
    if (!text || !this.client.session) return false;
    this.client.connection.send('chat:send', { text });
    return true;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private replace(lines: readonly ChatLine[]): void {
    this.list = lines.slice(-MAX_LINES);
    this.notify();
  }

  private append(line: ChatLine): void {
    // After a recovered connection socket.io replays missed messages that the resumed
    // `room:joined` history may already hold: show each one once.
    if (this.list.slice(-MAX_LINES).some((known) => sameLine(known, line))) return;
    this.list.push(line);
    if (this.list.length > MAX_LINES) this.list.shift();
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

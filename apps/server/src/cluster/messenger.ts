/**
 * Messages between the processes of a cluster over Redis pub/sub: to one process (its inbox)
 * or to all (the news), and requests that wait for a reply. Pub/sub delivers at most once and
 * in order per sender; PUBLISH says how many listened, so a message to a process that is gone
 * is known at once (0), not after a timeout.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ClusterKeys } from './keys.js';
import {
  parseInbox,
  parseNews,
  type InboxMessage,
  type NewsMessage,
  type Reply,
  type RequestBody,
} from './messages.js';
import type { RedisLink } from './redis-link.js';

/** What a request came to: a reply, nobody listening there, or no reply in time. */
export type Answer = Reply | 'gone' | 'timeout';

export interface MessengerHandlers {
  inbox: (message: Exclude<InboxMessage, Reply>) => void;
  news: (message: NewsMessage) => void;
}

export class Messenger {
  private readonly pending = new Map<string, (answer: Answer) => void>();
  private nextId = 1;
  private listening = false;

  constructor(
    private readonly redis: RedisLink,
    private readonly keys: ClusterKeys,
    readonly processId: string,
    private readonly log: Pick<FastifyBaseLogger, 'warn'>,
  ) {}

  /**
   * Subscribes this process's inbox and the news; again after a failure (node-redis keeps a
   * subscription across reconnections only once it has succeeded).
   */
  async listen(handlers: MessengerHandlers): Promise<void> {
    if (this.listening) return;
    const { listener } = this.redis;
    await listener.subscribe(this.keys.inbox(this.processId), (text) => {
      const message = parseInbox(text);
      if (!message)
        return this.log.warn({ text: text.slice(0, 80) }, 'cluster: unreadable message');
      if (message.kind === 'reply') this.pending.get(message.id)?.(message);
      else handlers.inbox(message);
    });
    await listener.subscribe(this.keys.news, (text) => {
      const message = parseNews(text);
      if (message) handlers.news(message);
    });
    this.listening = true;
  }

  /** Sends to one process; false if nobody listens there (it is gone) or Redis failed. */
  async send(to: string, message: InboxMessage): Promise<boolean> {
    try {
      return (await this.redis.command.publish(this.keys.inbox(to), JSON.stringify(message))) > 0;
    } catch {
      return false;
    }
  }

  /** Sends a request and waits for its reply, at most `timeoutMs`. */
  ask(to: string, body: RequestBody, timeoutMs: number): Promise<Answer> {
    const id = `${this.nextId++}`;
    return new Promise<Answer>((resolve) => {
      const timer = setTimeout(() => settle('timeout'), timeoutMs);
      const settle = (answer: Answer) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(answer);
      };
      this.pending.set(id, settle);
      const message = { ...body, from: this.processId, id } as InboxMessage;
      void this.send(to, message).then((heard) => heard || settle('gone'));
    });
  }

  reply(to: string, id: string, ok: boolean, error?: string): void {
    const reply: Reply =
      error === undefined ? { kind: 'reply', id, ok } : { kind: 'reply', id, ok, error };
    void this.send(to, reply);
  }

  /** Tells every process. */
  announce(news: NewsMessage): void {
    this.redis.command.publish(this.keys.news, JSON.stringify(news)).catch(() => undefined);
  }
}

/**
 * This process's connections to the cluster's Redis: one for commands (leases, checkpoints,
 * the lobby, publishing; socket.io's adapter shares it) and one that listens (pub/sub). Both
 * reconnect by themselves; `up` says whether both are connected now, which /readyz reports.
 *
 * Commands sent while Redis is unreachable wait in node-redis' queue at most
 * `COMMAND_TIMEOUT_MS`, then fail: nothing piles up in memory during an outage, and every
 * caller learns within a bound that Redis is gone.
 */
import { createClient } from '@redis/client';
import type { FastifyBaseLogger } from 'fastify';

export type RedisClient = ReturnType<typeof createClient>;

/** How long a command may wait for a connection before it fails. */
const COMMAND_TIMEOUT_MS = 500;
/** Commands queued per connection at most; more fail at once. */
const MAX_QUEUED_COMMANDS = 10_000;
/** Reconnection attempts back off to this, so an outage costs a retry or two per second. */
const MAX_RECONNECT_DELAY_MS = 500;

export type LinkLog = Pick<FastifyBaseLogger, 'info' | 'warn'>;

export class RedisLink {
  readonly command: RedisClient;
  readonly listener: RedisClient;
  private readonly upListeners = new Set<() => void>();
  private readonly downListeners = new Set<() => void>();
  private wasUp = false;
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly log: LinkLog,
  ) {
    this.command = this.newClient();
    this.listener = this.newClient();
    for (const client of [this.command, this.listener]) this.watch(client);
  }

  /** A client with this link's settings, not yet connected (its errors are the caller's). */
  newClient(): RedisClient {
    return createClient({
      url: this.url,
      commandOptions: { timeout: COMMAND_TIMEOUT_MS },
      commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
      socket: {
        reconnectStrategy: (attempt) => Math.min(50 * 2 ** attempt, MAX_RECONNECT_DELAY_MS),
      },
    });
  }

  /** Starts connecting; resolves at once (an unreachable Redis is retried in the background). */
  connect(): void {
    for (const client of [this.command, this.listener]) client.connect().catch(() => undefined);
  }

  get up(): boolean {
    return this.command.isReady && this.listener.isReady;
  }

  onUp(listener: () => void): void {
    this.upListeners.add(listener);
  }

  onDown(listener: () => void): void {
    this.downListeners.add(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const client of [this.listener, this.command]) {
      if (client.isOpen) await client.close().catch(() => client.destroy());
    }
  }

  private watch(client: RedisClient): void {
    // node-redis reports every failed attempt; the transitions below say what matters once.
    client.on('error', () => this.changed());
    client.on('ready', () => this.changed());
    client.on('end', () => this.changed());
    client.on('reconnecting', () => this.changed());
  }

  private changed(): void {
    const up = this.up;
    if (up === this.wasUp || this.closing) return;
    this.wasUp = up;
    if (up) this.log.info({}, 'cluster: Redis reachable');
    else this.log.warn({}, 'cluster: Redis unreachable; new rooms refused, rooms pause');
    for (const listener of up ? this.upListeners : this.downListeners) listener();
  }
}

/**
 * The live list of public rooms. Subscribed only while this tab sits in the lobby with an open
 * connection: inside a room the list is useless traffic, and a new socket after a drop must
 * subscribe again (the server forgot the old one).
 */
import type { ServerPayload } from '@arena/shared/protocol';
import { ConnectionStatus } from '../net/game-connection.js';
import type { ArenaClient } from './arena-client.js';

export type LobbyRoom = ServerPayload<'lobby:rooms'>['rooms'][number];

export class LobbyFeed {
  private list: readonly LobbyRoom[] = [];
  private receivedAtMs = 0;
  private subscribed = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly client: ArenaClient,
    private readonly now: () => number = () => performance.now(),
  ) {
    client.connection.on('lobby:rooms', ({ rooms }) => this.receive(rooms));
    client.onSessionChange(() => this.sync());
    client.connection.onStateChange(() => this.sync());
    this.sync();
  }

  get rooms(): readonly LobbyRoom[] {
    return this.list;
  }

  /** Seconds left in a listed room's round, counted down locally between server updates. */
  secondsLeft(room: LobbyRoom): number {
    const elapsedS = Math.floor((this.now() - this.receivedAtMs) / 1000);
    return Math.max(0, room.secondsLeft - elapsedS);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private receive(rooms: readonly LobbyRoom[]): void {
    // A late update after entering a room would only show a stale list next time.
    if (!this.subscribed) return;
    this.list = rooms;
    this.receivedAtMs = this.now();
    this.notify();
  }

  private sync(): void {
    const open = this.client.connection.state.status === ConnectionStatus.Open;
    const wanted = open && this.client.session === null;
    if (wanted === this.subscribed) return;
    this.subscribed = wanted;
    if (wanted) {
      this.client.connection.send('lobby:subscribe', {});
      return;
    }
    // Closed: the server dropped the subscription with the socket; nothing to send.
    if (open) this.client.connection.send('lobby:unsubscribe', {});
    this.list = [];
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

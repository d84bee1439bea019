/** A room channel that records what each member received: rooms under test without sockets. */
import type { ServerPayload } from '@arena/shared/protocol';
import type { MemberId, RoomChannel, RoomEventName } from '../src/rooms/room-channel.js';

export interface Received {
  event: RoomEventName | 'state:snapshot';
  payload: unknown;
}

export class RecordingChannel implements RoomChannel {
  /** Who is in the channel now: what the room sends to all reaches them. */
  readonly members = new Set<MemberId>();
  /** Every member takes every snapshot here: nobody is ever skipped. */
  readonly needsKeyframe: ReadonlySet<MemberId> = new Set();
  private readonly inboxes = new Map<MemberId, Received[]>();

  add(member: MemberId): void {
    this.members.add(member);
  }

  remove(member: MemberId): void {
    this.members.delete(member);
  }

  removeAll(): void {
    this.members.clear();
  }

  toAll<E extends RoomEventName>(event: E, payload: ServerPayload<E>): void {
    for (const member of this.members) this.deliver(member, { event, payload });
  }

  toAllBut<E extends RoomEventName>(except: MemberId, event: E, payload: ServerPayload<E>): void {
    for (const member of this.members)
      if (member !== except) this.deliver(member, { event, payload });
  }

  toMember<E extends RoomEventName>(member: MemberId, event: E, payload: ServerPayload<E>): void {
    this.deliver(member, { event, payload });
  }

  broadcastSnapshot(bytes: Uint8Array): void {
    for (const member of this.members)
      this.deliver(member, { event: 'state:snapshot', payload: bytes });
  }

  /** Everything `member` received, oldest first. */
  inbox(member: MemberId): Received[] {
    return this.inboxes.get(member) ?? [];
  }

  /** The names of the events `member` received, oldest first. */
  events(member: MemberId): string[] {
    return this.inbox(member).map((r) => r.event);
  }

  /** The payload of the last `event` that `member` received. */
  last<E extends RoomEventName>(member: MemberId, event: E): ServerPayload<E> | undefined {
    const found = this.inbox(member).findLast((r) => r.event === event);
    return found?.payload as ServerPayload<E> | undefined;
  }

  private deliver(member: MemberId, received: Received): void {
    const inbox = this.inboxes.get(member) ?? [];
    inbox.push(received);
    this.inboxes.set(member, inbox);
  }
}

/**
 * A room channel that records what each member received: rooms under test without sockets.
 * Snapshots arrive as a socket's would: a keyframe for a member that just came in, the delta
 * after that.
 */
import type { EncodedSnapshot, ServerPayload } from '@arena/shared/protocol';
import type { MemberId, RoomChannel, RoomEventName } from '../src/rooms/room-channel.js';

export interface Received {
  event: RoomEventName | 'state:snapshot';
  payload: unknown;
}

export class RecordingChannel implements RoomChannel {
  /** Who is in the channel now: what the room sends to all reaches them. */
  readonly members = new Set<MemberId>();
  /** Members that hold the last snapshot (they get the next delta). */
  private readonly inStep = new Set<MemberId>();
  /** Snapshot mirrors: they receive snapshots only. */
  readonly mirrors = new Set<MemberId>();
  /** Mirrors the room closed, oldest first. */
  readonly droppedMirrors: MemberId[] = [];
  private readonly inboxes = new Map<MemberId, Received[]>();

  add(member: MemberId): void {
    this.members.add(member);
  }

  remove(member: MemberId): void {
    this.members.delete(member);
    this.inStep.delete(member);
  }

  addMirror(member: MemberId): void {
    this.mirrors.add(member);
  }

  dropMirror(member: MemberId): void {
    this.mirrors.delete(member);
    this.inStep.delete(member);
    this.droppedMirrors.push(member);
  }

  removeAll(): void {
    this.members.clear();
    this.inStep.clear();
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

  broadcastSnapshot(snapshot: EncodedSnapshot): void {
    for (const member of [...this.members, ...this.mirrors]) {
      const bytes =
        snapshot.delta && this.inStep.has(member) ? snapshot.delta : snapshot.keyframe();
      this.deliver(member, { event: 'state:snapshot', payload: bytes });
      this.inStep.add(member);
    }
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

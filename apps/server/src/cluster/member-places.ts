/**
 * What a process remembers of its own members' places in rooms of other processes, for what
 * socket.io's channel membership cannot tell: the room a member entered while its connection
 * was already dropping (its owner must still hear that it left), and the name a spectator
 * watches under (kept across a blip for connection-state recovery, like the registry's note).
 */
import type { MemberId } from '../rooms/room-channel.js';
import type { WatchingNote } from '../rooms/room-registry.js';

interface Place {
  code: string;
  /** The name a spectator watches under; null for a player. */
  watchingAs: string | null;
}

export class MemberPlaces {
  private readonly places = new Map<MemberId, Place>();

  entered(member: MemberId, code: string, watchingAs: string | null): void {
    this.places.set(member, { code, watchingAs });
  }

  left(member: MemberId): void {
    this.places.delete(member);
  }

  /** The room of another process this member last entered, if it has not left it. */
  roomOf(member: MemberId): string | undefined {
    return this.places.get(member)?.code;
  }

  /** What the member watches in room `code`, if it is a spectator there. */
  watching(member: MemberId, code: string | undefined): WatchingNote | undefined {
    const place = this.places.get(member);
    if (!place || place.code !== code || place.watchingAs === null) return undefined;
    return { code: place.code, name: place.watchingAs };
  }
}

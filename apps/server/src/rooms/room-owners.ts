/**
 * Which rooms count against the client address that created them, for the per-address limit
 * on rooms: a room counts from its creation until its creator sits in it, then as long as the
 * creator's seat is in it (playing, or held for their return). A creator who left a room that
 * others play in has given it to them.
 */
import type { Room } from './room.js';

/** Who created a room, and the seat that keeps it theirs. */
interface Ownership {
  owner: string;
  seatId: number | undefined;
}

export class RoomOwners {
  private readonly byRoom = new Map<Room, Ownership>();

  created(room: Room, owner: string): void {
    this.byRoom.set(room, { owner, seatId: undefined });
  }

  /** A player sat in the room: the first to do so is its creator. */
  seated(room: Room, seatId: number): void {
    const ownership = this.byRoom.get(room);
    if (ownership && ownership.seatId === undefined) ownership.seatId = seatId;
  }

  /** The room closed, or went on in another process. */
  forget(room: Room): void {
    this.byRoom.delete(room);
  }

  /** How many open rooms count against `owner` now. */
  countFor(owner: string): number {
    let owned = 0;
    for (const [room, ownership] of this.byRoom) {
      if (ownership.owner !== owner || room.closed) continue;
      if (ownership.seatId === undefined || room.seats.has(ownership.seatId)) owned += 1;
    }
    return owned;
  }
}

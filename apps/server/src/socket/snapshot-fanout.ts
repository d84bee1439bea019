/**
 * Snapshots to the members of a room connected to this process, the path that carries almost
 * all of the server's traffic: on the room's own process for its members, and on each other
 * process of a cluster for the members connected there (cluster/snapshot-relay.ts hands it the
 * owner's bytes). Each snapshot is framed once per room (snapshot-frame.ts) and that one
 * buffer is written to every member's connection as it is, one write per member per tick,
 * straight to its WebSocket when nothing is queued before it, else through engine.io
 * (framed-write.ts): never through the adapter, so connection-state recovery never stores a
 * snapshot (state, not history), nor does a cluster's Redis stream.
 *
 * A member gets the delta when the last snapshot it was written here is the delta's base, and
 * the keyframe otherwise: it just joined the channel (a join, a resume, a recovery), asked for
 * one (`state:resync`), or was not written the last snapshot. A slow reader (its connection
 * holds more than a sixteenth of MAX_UNSENT_BYTES unsent, write-backlog.ts) is skipped rather
 * than sent what it cannot take, and forgotten, so that the next snapshot it takes is a
 * keyframe: never a delta against a state it did not see.
 *
 * This runs for every member of every room on every tick, so what a member costs beyond its
 * write is kept small: the fanout keeps, per room, one record per member (its connection, its
 * backlog, the last tick it was written) made on the member's first snapshot and dropped when
 * it leaves the room, so a write needs one lookup by member; metrics are added once a room.
 */
import type { EncodedSnapshot } from '@arena/shared/protocol';
import type { Metrics } from '../metrics.js';
import type { MemberId } from '../rooms/room-channel.js';
import { writeFramedUnchecked } from './framed-write.js';
import { frameSnapshot, type FramedSnapshot } from './snapshot-frame.js';
import type { ArenaServer, ArenaSocket } from './types.js';
import { BEHIND_SHARE, backlogOf, type Backlog } from './write-backlog.js';

/** A local member of a room, as the fanout writes to it. */
interface Delivery {
  readonly conn: ArenaSocket['conn'];
  readonly backlog: Backlog | undefined;
  /** The tick of the last snapshot it was written here; `NO_BASE`: it holds none. */
  tick: number;
}

const NO_BASE = -1;
const NOBODY: readonly MemberId[] = Object.freeze([]);

export class SnapshotFanout {
  /** Per socket.io room: each local member it has written to since the member joined. */
  private readonly deliveries = new Map<string, Map<MemberId, Delivery>>();
  private readonly behindBytes: number;

  constructor(
    private readonly io: ArenaServer,
    private readonly metrics: Metrics,
    private readonly maxUnsentBytes: number,
  ) {
    this.behindBytes = maxUnsentBytes * BEHIND_SHARE;
    // Whoever enters or leaves a room starts over with a keyframe; these fire for this
    // process's sockets, whoever asked (a room here, or one in another process of a cluster).
    const adapter = io.of('/').adapter;
    // A socket leaves every room before it goes, so a record never outlives its connection.
    const forget = (room: string, id: string) => this.deliveries.get(room)?.delete(id);
    adapter.on('join-room', forget);
    adapter.on('leave-room', forget);
    adapter.on('delete-room', (room: string) => this.deliveries.delete(room));
  }

  /** The member's next snapshot, in whichever room, is a keyframe (it asked, or missed one). */
  needsKeyframe(member: MemberId): void {
    for (const members of this.deliveries.values()) {
      const delivery = members.get(member);
      if (delivery) delivery.tick = NO_BASE;
    }
  }

  /**
   * Writes one snapshot to the members of socket.io room `room` connected here, and returns
   * the members skipped as slow readers.
   */
  deliver(room: string, snapshot: EncodedSnapshot): readonly MemberId[] {
    const members = this.io.sockets.adapter.rooms.get(room);
    if (!members || members.size === 0) return NOBODY;
    const deliveries = this.deliveriesIn(room, snapshot);
    let skipped: MemberId[] | undefined;
    let delta: FramedSnapshot | undefined;
    let keyframe: FramedSnapshot | undefined;
    let keyframes = 0;
    let bytes = 0;
    for (const id of members) {
      const delivery = deliveries.get(id) ?? this.startDelivery(deliveries, id);
      if (delivery?.conn.readyState !== 'open') continue;
      const backlog = delivery.backlog;
      if (backlog !== undefined && backlog.unsent() > this.behindBytes) {
        delivery.tick = NO_BASE;
        (skipped ??= []).push(id);
        continue;
      }
      let message: FramedSnapshot;
      if (snapshot.delta && delivery.tick === snapshot.baseTick) {
        message = delta ??= frameSnapshot(snapshot.delta);
      } else {
        message = keyframe ??= frameSnapshot(snapshot.keyframe());
        keyframes += 1;
      }
      // Written only below `behindBytes`: only a frame longer than the rest of the limit
      // could take the connection past it.
      const wentAround = writeFramedUnchecked(delivery.conn, message);
      if (wentAround && this.behindBytes + message.frameBytes > this.maxUnsentBytes) {
        backlog?.check();
      }
      delivery.tick = snapshot.tick;
      bytes += message.snapshotBytes;
    }
    this.metrics.snapshotBytesOut += bytes;
    this.metrics.snapshotKeyframesSent += keyframes;
    if (skipped === undefined) return NOBODY;
    this.metrics.snapshotsSkipped += skipped.length;
    return skipped;
  }

  /** A member's first snapshot in a room: its connection and backlog, kept until it leaves. */
  private startDelivery(deliveries: Map<MemberId, Delivery>, id: MemberId): Delivery | undefined {
    const conn = this.io.sockets.sockets.get(id)?.conn;
    if (conn === undefined) return undefined;
    const delivery: Delivery = { conn, backlog: backlogOf(conn), tick: NO_BASE };
    deliveries.set(id, delivery);
    return delivery;
  }

  /**
   * The members of `room` written to here. A snapshot with no base starts a new stream (a
   * room made, restored or taken over by another process, whose ticks may repeat the old
   * stream's): nothing sent before it is a base for what follows.
   */
  private deliveriesIn(room: string, snapshot: EncodedSnapshot): Map<MemberId, Delivery> {
    let deliveries = this.deliveries.get(room);
    if (!deliveries) this.deliveries.set(room, (deliveries = new Map<MemberId, Delivery>()));
    else if (snapshot.baseTick === undefined) {
      for (const delivery of deliveries.values()) delivery.tick = NO_BASE;
    }
    return deliveries;
  }
}

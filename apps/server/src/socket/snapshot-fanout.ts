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
 */
import type { EncodedSnapshot } from '@arena/shared/protocol';
import type { Metrics } from '../metrics.js';
import type { MemberId } from '../rooms/room-channel.js';
import { writeFramed } from './framed-write.js';
import { frameSnapshot, type FramedSnapshot } from './snapshot-frame.js';
import type { ArenaServer } from './types.js';
import { BEHIND_SHARE, unsentBytes } from './write-backlog.js';

export class SnapshotFanout {
  /** Per socket.io room: the tick of the last snapshot each local member was written. */
  private readonly lastSent = new Map<string, Map<MemberId, number>>();
  private readonly behindBytes: number;

  constructor(
    private readonly io: ArenaServer,
    private readonly metrics: Metrics,
    maxUnsentBytes: number,
  ) {
    this.behindBytes = maxUnsentBytes * BEHIND_SHARE;
    // Whoever enters or leaves a room starts over with a keyframe; these fire for this
    // process's sockets, whoever asked (a room here, or one in another process of a cluster).
    const adapter = io.of('/').adapter;
    const forget = (room: string, id: string) => this.lastSent.get(room)?.delete(id);
    adapter.on('join-room', forget);
    adapter.on('leave-room', forget);
    adapter.on('delete-room', (room: string) => this.lastSent.delete(room));
  }

  /** The member's next snapshot, in whichever room, is a keyframe (it asked, or missed one). */
  needsKeyframe(member: MemberId): void {
    for (const sent of this.lastSent.values()) sent.delete(member);
  }

  /**
   * Writes one snapshot to the members of socket.io room `room` connected here, and returns
   * the members skipped as slow readers.
   */
  deliver(room: string, snapshot: EncodedSnapshot): MemberId[] {
    const members = this.io.sockets.adapter.rooms.get(room);
    if (!members || members.size === 0) return [];
    const sent = this.sentIn(room, snapshot);
    const skipped: MemberId[] = [];
    let delta: FramedSnapshot | undefined;
    let keyframe: FramedSnapshot | undefined;
    for (const id of members) {
      const conn = this.io.sockets.sockets.get(id)?.conn;
      if (conn?.readyState !== 'open') continue;
      if (unsentBytes(conn) > this.behindBytes) {
        sent.delete(id);
        skipped.push(id);
        continue;
      }
      let message: FramedSnapshot;
      if (snapshot.delta && sent.get(id) === snapshot.baseTick) {
        message = delta ??= frameSnapshot(snapshot.delta);
      } else {
        message = keyframe ??= frameSnapshot(snapshot.keyframe());
        this.metrics.snapshotKeyframesSent += 1;
      }
      writeFramed(conn, message);
      sent.set(id, snapshot.tick);
      this.metrics.snapshotBytesOut += message.snapshotBytes;
    }
    this.metrics.snapshotsSkipped += skipped.length;
    return skipped;
  }

  /**
   * What each member of `room` was last written. A snapshot with no base starts a new stream
   * (a room made, restored or taken over by another process, whose ticks may repeat the old
   * stream's): nothing sent before it is a base for what follows.
   */
  private sentIn(room: string, snapshot: EncodedSnapshot): Map<MemberId, number> {
    let sent = this.lastSent.get(room);
    if (!sent) this.lastSent.set(room, (sent = new Map<MemberId, number>()));
    else if (snapshot.baseTick === undefined) sent.clear();
    return sent;
  }
}

/**
 * The snapshot stream's entry points: `SnapshotEncoder` (server: one delta per room per
 * snapshot, a keyframe on demand), `SnapshotDecoder` (client: one per connection, every frame
 * in order), and `encodeKeyframe` for whoever holds a decoded snapshot (tests, tools, a relay).
 * Layout and rules: docs/PROTOCOL.md §7.
 */
import { SnapshotEncoder } from './snapshot-encoder.js';
import type { World } from '../sim/world.js';
import type { Snapshot, SnapshotSource } from './snapshot.js';

export { SnapshotEncoder } from './snapshot-encoder.js';
export { SnapshotDecoder, SnapshotBaseMismatch } from './snapshot-decoder.js';
export { SNAPSHOT_CODEC_VERSION, SnapshotDecodeError, SnapshotKind } from './snapshot-state.js';
export { WireDecodeError } from './wire-bytes.js';

/** A decoded snapshot as the encoder's source. */
export function snapshotSource(snapshot: Snapshot): SnapshotSource {
  const byId = new Map(snapshot.players.map((p) => [p.id, p]));
  const acks = new Map(snapshot.acks.map((a) => [a.playerId, a.seq]));
  return {
    tick: snapshot.tick,
    round: snapshot.round,
    players: [...snapshot.players].sort((a, b) => a.id - b.id),
    coins: snapshot.coins,
    connected: (id) => byId.get(id)?.connected ?? false,
    ackedSeq: (id) => acks.get(id) ?? 0,
  };
}

/**
 * A live world as the encoder's source: `world()` is read at each encode, so a room that
 * replaces its world each tick hands over the current one, nothing copied.
 */
export function worldSnapshotSource(
  world: () => Readonly<World>,
  connected: (playerId: number) => boolean,
  ackedSeq: (playerId: number) => number,
): SnapshotSource {
  return {
    get tick() {
      return world().tick;
    },
    get round() {
      return world().round;
    },
    get players() {
      return world().players;
    },
    get coins() {
      return world().coins;
    },
    connected,
    ackedSeq,
  };
}

/** The whole of `snapshot` as one keyframe, at a room's tick rate. */
export function encodeKeyframe(snapshot: Snapshot, tickRateHz: number): Uint8Array {
  return new SnapshotEncoder(tickRateHz)
    .encode(snapshotSource(snapshot), snapshot.serverTimeMs)
    .keyframe();
}

/**
 * socket.io's connection-state recovery keeps every broadcast packet so it can replay what a
 * briefly disconnected client missed, and trims that store only once a minute, whatever
 * `maxDisconnectionDuration` says. Snapshots are broadcast every tick in every room and each
 * one supersedes the last, so replaying them is useless, and storing them held a minute of
 * every room's snapshots in memory (the churn soak found the heap growing with it). Clock-sync
 * pongs are the same: one a second per client, and a pong replayed after a drop would only be
 * a stale clock sample (the main connection's are written around socket.io, pong-frame.ts; a
 * mirror's come here). This adapter stores everything else (chat, joins, notices) as before
 * and lets those through unstored, without the offset socket.io would append to each.
 */
import { Adapter, SessionAwareAdapter, type BroadcastOptions } from 'socket.io-adapter';

/** Events that are state, not history: never stored for replay. */
const NOT_REPLAYED: ReadonlySet<unknown> = new Set(['state:snapshot', 'time:pong']);

export class RecoveryAdapter extends SessionAwareAdapter {
  override broadcast(packet: { data?: unknown[] }, opts: BroadcastOptions): void {
    if (NOT_REPLAYED.has(packet.data?.[0])) {
      // The plain in-memory broadcast: delivered exactly like before, just not kept.
      Adapter.prototype.broadcast.call(this, packet, opts);
      return;
    }
    super.broadcast(packet, opts);
  }
}

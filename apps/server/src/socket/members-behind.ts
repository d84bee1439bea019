/**
 * Which members of a room channel cannot take another snapshot now: their connection's unsent
 * bytes are past the share of MAX_UNSENT_BYTES that marks it behind (write-backlog.ts). A
 * snapshot skipped is never queued for later; the member's next one is the latest. Only this
 * process's sockets are looked at: a member connected to another process is its business.
 */
import type { MemberId } from '../rooms/room-channel.js';
import type { ArenaServer } from './types.js';
import { BEHIND_SHARE, unsentBytes } from './write-backlog.js';

export function membersBehind(
  io: ArenaServer,
  channel: string,
  maxUnsentBytes: number,
): MemberId[] {
  const behindBytes = maxUnsentBytes * BEHIND_SHARE;
  const behind: MemberId[] = [];
  for (const id of io.sockets.adapter.rooms.get(channel) ?? []) {
    const socket = io.sockets.sockets.get(id);
    if (socket && unsentBytes(socket.conn) > behindBytes) behind.push(id);
  }
  return behind;
}

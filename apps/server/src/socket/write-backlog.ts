/**
 * What the server has written to a connection that the client has not taken yet: packets
 * engine.io queues while its transport is busy, plus the bytes the WebSocket holds because the
 * kernel's buffers are full. A client that stops reading (a stalled tab, a hostile one that
 * answers pings blind) would otherwise make the server hold everything sent to it, without
 * end. So every connection is watched:
 * - past a sixteenth of MAX_UNSENT_BYTES it is *behind*: a room skips its snapshots (the next
 *   one it takes is the latest, see socket-room-channel.ts) so it does not fall further behind;
 * - past MAX_UNSENT_BYTES it is closed and counted as `SLOW_READER`.
 * Counting is O(1) a packet: bytes are added as engine.io creates packets and handed over to
 * the transport's count when it flushes them. A frame written around engine.io, straight to the
 * WebSocket (framed-write.ts), is in the WebSocket's count at once; its writer checks the limit.
 */

/** The part of engine.io's connection watched here. */
export interface BackloggedConnection {
  transport: { socket?: unknown };
  on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): unknown;
  on(event: 'flush', listener: () => void): unknown;
}

/** A connection is behind (its snapshots are skipped) past this share of the limit. */
export const BEHIND_SHARE = 1 / 16;

/** One connection's unsent bytes, and its limit. */
export class Backlog {
  /** Bytes in packets engine.io created and has not flushed to the transport yet. */
  queuedBytes = 0;
  private overflowed = false;

  constructor(
    private readonly connection: BackloggedConnection,
    readonly maxUnsentBytes: number,
    private readonly onOverflow: () => void,
  ) {}

  unsent(): number {
    const ws = this.connection.transport.socket as { bufferedAmount?: number } | undefined;
    return this.queuedBytes + (ws?.bufferedAmount ?? 0);
  }

  /** Calls the overflow listener (once) if the unsent bytes are past the limit. */
  check(): void {
    if (this.overflowed || this.unsent() <= this.maxUnsentBytes) return;
    this.overflowed = true;
    this.onOverflow();
  }
}

const backlogs = new WeakMap<object, Backlog>();

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * Watches `connection`'s unsent bytes; `onOverflow` is called (once) when they pass
 * `maxUnsentBytes`.
 */
export function watchBacklog(
  connection: BackloggedConnection,
  maxUnsentBytes: number,
  onOverflow: () => void,
): void {
  const backlog = new Backlog(connection, maxUnsentBytes, onOverflow);
  backlogs.set(connection, backlog);
  connection.on('packetCreate', (packet) => {
    backlog.queuedBytes += sizeOf(packet.data);
    backlog.check();
  });
  connection.on('flush', () => (backlog.queuedBytes = 0));
}

/** `connection`'s backlog (undefined if it is not watched): to keep for many writes. */
export function backlogOf(connection: object): Backlog | undefined {
  return backlogs.get(connection);
}

/** Bytes written to `connection` and not yet taken by its client (0 if it is not watched). */
export function unsentBytes(connection: object): number {
  return backlogs.get(connection)?.unsent() ?? 0;
}

/** After a write around engine.io: lets `connection` go if it is now past its limit. */
export function checkBacklog(connection: object): void {
  backlogs.get(connection)?.check();
}

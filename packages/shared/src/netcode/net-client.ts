/**
 * The loop every player runs around the netcode, written once for the browser, the bots, the
 * test players and netlab: on each rendered frame, run the input ticks that are due (each one
 * predicted and sent with the next seq) and send the clock-sync pings; feed back the
 * snapshots and pongs that arrive. It talks to the wire only through a `NetPort`.
 *
 * It owns the room's `ClientNetcode` and the seqs, which keep counting up across rooms and
 * reconnections: an old room's last inputs can reach the server on the new connection after
 * the join, and the server refuses a seq below one it has seen there. It also owns the
 * connection's snapshot decoder, which must see every snapshot frame in order (most are deltas
 * against the one before), so make the NetClient with the connection, not with the room.
 *
 * A seat may have a snapshot mirror (`attachMirror`): a second connection that carries the
 * room's snapshots too, on a decoder of its own. Whichever copy of a tick arrives first is
 * used, so a stall on one connection no longer holds the others back; pings go out on both.
 */
import type { ServerPayload } from '../protocol/events.js';
import { encodeInput } from '../protocol/input-codec.js';
import { simConfigFrom } from '../protocol/sim-settings.js';
import type { Snapshot } from '../protocol/snapshot.js';
import type { SimConfig } from '../sim/config.js';
import { ClientNetcode, type ClientFrame } from './client-netcode.js';
import type { NetHudStats } from './net-stats.js';
import { packetBytes, type NetPort, type NetSendEvent, type NetSendPayload } from './net-port.js';
import type { Correction } from './prediction.js';
import { SnapshotStream } from './snapshot-stream.js';

/** The room a NetClient plays in: our id (0 when watching), its rules, its snapshot interval. */
export interface NetRoom {
  selfId: number;
  config: SimConfig;
  snapshotIntervalMs: number;
  /** The room's input buffer (ticks): a client skipping ahead after a pause leads by it. */
  inputBufferTicks?: number;
}

/** The room as `room:joined` describes it. */
export function netRoomOf(
  joined: Pick<ServerPayload<'room:joined'>, 'role' | 'selfId' | 'sim'>,
): NetRoom {
  return {
    // Player ids start at 1, so a spectator's netcode finds no self and predicts nothing.
    selfId: joined.role === 'player' ? joined.selfId : 0,
    config: simConfigFrom(joined.sim),
    snapshotIntervalMs: 1000 / joined.sim.snapshotRateHz,
    inputBufferTicks: joined.sim.inputBufferTicks,
  };
}

export interface NetClientOptions {
  port: NetPort;
  /** The local monotonic clock (`performance.now()`, or netlab's manual one). */
  now: () => number;
  /** Told about a snapshot that could not be decoded; it is skipped, the next one is whole. */
  onUnreadableSnapshot?: (error: unknown) => void;
}

export interface ReceivedSnapshot {
  snapshot: Snapshot;
  bytes: number;
  /** The prediction correction it caused, if any. */
  correction: Correction | undefined;
}

/** What was sent and acknowledged in the current room (all 0 outside one). */
interface RoomCounters {
  inputsSent: number;
  lastSentSeq: number;
  lastSentButtons: number;
  lastAckedSeq: number;
}

const noCounters = (): RoomCounters => ({
  inputsSent: 0,
  lastSentSeq: 0,
  lastSentButtons: 0,
  lastAckedSeq: 0,
});

export class NetClient {
  private room: ClientNetcode | undefined;
  private selfId = 0;
  /** Newest seq made in an earlier room. */
  private seqBefore = 0;
  private lastFrameMs: number | undefined;
  private counters = noCounters();
  private readonly snapshotListeners = new Set<(received: ReceivedSnapshot) => void>();
  private readonly unsubscribe: (() => void)[];
  private readonly main: SnapshotStream;
  private mirror: { stream: SnapshotStream; unsubscribe: (() => void)[] } | undefined;
  /** Snapshots whose first copy came on the mirror, since the NetClient was made. */
  private mirrorFirst = 0;

  constructor(private readonly options: NetClientOptions) {
    const { port } = options;
    this.main = new SnapshotStream(port, options.onUnreadableSnapshot);
    this.unsubscribe = [
      port.on('state:snapshot', (frame) => this.receiveSnapshot(this.main, frame)),
      port.on('time:pong', (pong) => this.receivePong(pong)),
    ];
  }

  /**
   * Reads a snapshot mirror's port beside the main one (replacing any mirror before it):
   * its snapshots on a decoder of their own, its pongs; pings go out on it too. Returns the
   * function that stops reading it.
   */
  attachMirror(port: NetPort): () => void {
    this.detachMirror();
    const stream = new SnapshotStream(port, this.options.onUnreadableSnapshot);
    const unsubscribe = [
      port.on('state:snapshot', (frame) => this.receiveSnapshot(stream, frame)),
      port.on('time:pong', (pong) => this.receivePong(pong)),
    ];
    this.mirror = { stream, unsubscribe };
    return () => {
      if (this.mirror?.stream === stream) this.detachMirror();
    };
  }

  /** Whether a snapshot mirror is attached, and how many snapshots it delivered first. */
  get mirrorStats(): { attached: boolean; firstCopies: number } {
    return { attached: this.mirror !== undefined, firstCopies: this.mirrorFirst };
  }

  /** The current room's netcode (prediction, interpolation, clock sync); undefined outside. */
  get netcode(): ClientNetcode | undefined {
    return this.room;
  }

  get inputsSent(): number {
    return this.counters.inputsSent;
  }

  /** Seq of the last `player:input` sent in this room (0 before any). */
  get lastSentSeq(): number {
    return this.counters.lastSentSeq;
  }

  /** The last seq the server said it applied for us in this room (0 before any). */
  get lastAckedSeq(): number {
    return this.counters.lastAckedSeq;
  }

  /** Starts playing (or watching) in a room, with seqs going on from the last one made. */
  enterRoom(room: NetRoom): ClientNetcode {
    this.seqBefore = this.newestSeq();
    this.selfId = room.selfId;
    this.counters = noCounters();
    this.room = new ClientNetcode({ ...room, firstSeq: this.seqBefore + 1 });
    return this.room;
  }

  leaveRoom(): void {
    this.seqBefore = this.newestSeq();
    this.selfId = 0;
    this.counters = noCounters();
    this.room = undefined;
  }

  /**
   * Once per rendered frame, with the buttons held now: runs the input ticks due since the
   * last frame, sends what they ask for and says where to draw everyone (undefined outside a
   * room). The frame's length is measured on `now`, unless the caller keeps exact frame
   * times of its own (netlab) and passes `frameDtMs`.
   */
  frame(buttons: number, frameDtMs?: number): ClientFrame | undefined {
    const nowMs = this.options.now();
    const dtMs = frameDtMs ?? (this.lastFrameMs === undefined ? 0 : nowMs - this.lastFrameMs);
    return this.run(nowMs, dtMs, buttons);
  }

  /**
   * Lets go of every button now, for an owner about to stop drawing frames (a hidden tab):
   * the server keeps repeating the last input it got, so the clock is run to the next tick at
   * once (at most one tick early) to send "nothing held" right away.
   */
  release(): ClientFrame | undefined {
    const netcode = this.room;
    if (!netcode || this.counters.lastSentButtons === 0) return undefined;
    const nowMs = this.options.now();
    const elapsedMs = this.lastFrameMs === undefined ? 0 : nowMs - this.lastFrameMs;
    const { stepClock } = netcode;
    const toNextTickMs = (1 - stepClock.alpha) * stepClock.tickMs;
    return this.run(nowMs, Math.max(elapsedMs, toNextTickMs), 0);
  }

  /** Called with every snapshot applied in a room, decoded; returns the unsubscribe function. */
  onSnapshot(listener: (received: ReceivedSnapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /** Everything the Net HUD shows; undefined outside a room. */
  hud(transport: string): NetHudStats | undefined {
    return this.room?.hud(this.options.now(), transport);
  }

  /** Stops listening to the port (and the mirror's). */
  dispose(): void {
    this.detachMirror();
    for (const off of this.unsubscribe.splice(0)) off();
    this.snapshotListeners.clear();
  }

  private detachMirror(): void {
    for (const off of this.mirror?.unsubscribe ?? []) off();
    this.mirror = undefined;
  }

  private newestSeq(): number {
    return Math.max(this.seqBefore, this.room?.lastSeq ?? 0);
  }

  private run(nowMs: number, dtMs: number, buttons: number): ClientFrame | undefined {
    this.lastFrameMs = nowMs;
    const netcode = this.room;
    if (!netcode) return undefined;
    const open = this.options.port.open;
    // Offline, inputs cannot be sent and the server holds no buttons for a dropped player:
    // predicting held keys would drift away, then snap back.
    const frame = netcode.frame(nowMs, dtMs, open ? buttons : 0);
    if (open) this.send(netcode, nowMs, frame);
    return frame;
  }

  /** The ping first: the link keeps order, so a ping behind this tick's input would wait. */
  private send(netcode: ClientNetcode, nowMs: number, frame: ClientFrame): void {
    if (frame.pingClientTimeMs !== undefined) {
      this.emit(netcode, nowMs, 'time:ping', { clientTimeMs: frame.pingClientTimeMs });
      this.pingMirror(netcode, nowMs, frame.pingClientTimeMs);
    }
    for (const input of frame.inputs) {
      // Binary (5 or 11 bytes): the server reads it without an object parse (input-codec.ts).
      this.emit(netcode, nowMs, 'player:input', encodeInput(input));
      this.counters.inputsSent += 1;
      this.counters.lastSentSeq = input.seq;
      this.counters.lastSentButtons = input.buttons;
    }
  }

  private emit<E extends NetSendEvent>(
    netcode: ClientNetcode,
    nowMs: number,
    event: E,
    payload: NetSendPayload<E>,
  ): void {
    this.options.port.send(event, payload);
    netcode.stats.recordBytesOut(nowMs, packetBytes(event, payload));
  }

  /**
   * The same ping on the mirror: its uplink carries no inputs, so nothing queues ahead of it
   * and its round trips come closest to the link's own (what the clock estimate rests on).
   */
  private pingMirror(netcode: ClientNetcode, nowMs: number, clientTimeMs: number): void {
    const port = this.mirror?.stream.port;
    if (!port?.open) return;
    port.send('time:ping', { clientTimeMs });
    netcode.stats.recordBytesOut(nowMs, packetBytes('time:ping', { clientTimeMs }));
  }

  /** Decoded in or out of a room, so the decoder never misses a frame of its stream. */
  private receiveSnapshot(stream: SnapshotStream, frame: ArrayBuffer | Uint8Array): void {
    // Stamped first thing, before decoding: the delay adapts to when snapshots arrive.
    const arrivedMs = this.options.now();
    const snapshot = stream.decode(frame, arrivedMs);
    const netcode = this.room;
    if (!snapshot || !netcode) return;
    const bytes = frame.byteLength;
    // The other connection's copy of this tick came first (or this one is older): only its
    // bytes count.
    if (snapshot.tick <= netcode.newestSnapshotTick) {
      netcode.stats.recordBytesIn(arrivedMs, bytes);
      return;
    }
    if (stream !== this.main) this.mirrorFirst += 1;
    const correction = netcode.onSnapshot(snapshot, arrivedMs, bytes);
    const ack = snapshot.acks.find((a) => a.playerId === this.selfId);
    if (ack) this.counters.lastAckedSeq = ack.seq;
    for (const listener of [...this.snapshotListeners]) listener({ snapshot, bytes, correction });
  }

  private receivePong(pong: ServerPayload<'time:pong'>): void {
    const netcode = this.room;
    if (!netcode) return;
    const nowMs = this.options.now();
    netcode.onPong(pong, nowMs);
    netcode.stats.recordBytesIn(nowMs, packetBytes('time:pong', pong));
  }
}

/**
 * The benchmark's floor: the same game as Arena (rooms of N, the sim's `step`, the project's
 * snapshot codec, 30 Hz) over `ws` with no framework at all. Each tick, each room's snapshot
 * is encoded once (a delta, and a keyframe when a member needs one, as Arena does), framed once
 * as a WebSocket message, and that one buffer is written to each member's socket. Whatever Arena spends beyond this is what its framework and design cost.
 * The wire is in floor-wire.ts.
 */
import * as wsModule from 'ws';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
import { EventLoopLagMonitor } from '../event-loop-lag.js';
import type { HistogramBucket } from '../server-metrics.js';
import { BucketCounts } from './bucket-counts.js';
import { startFixedTicker } from './fixed-ticker.js';
import { FloorInputQueue, FloorRoom, type FloorInputCounters } from './floor-room.js';
import {
  decodeFloorClientMessage,
  messageBytes,
  type FloorText,
  type FloorWelcome,
} from './floor-wire.js';

/** Bounds (seconds) of the tick-duration histogram: the shape Arena's /metrics has. */
const TICK_BUCKETS_SECONDS = [
  0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.035, 0.05, 0.1,
];
/** Bounds (seconds) of the input-wait histogram: those of Arena's `arena_input_wait_seconds`. */
const INPUT_WAIT_BUCKETS_SECONDS = [
  0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.055, 0.06, 0.065, 0.07, 0.075,
  0.08, 0.085, 0.09, 0.095, 0.1, 0.11, 0.12, 0.13, 0.14, 0.15, 0.175, 0.2, 0.25, 0.3, 0.4, 0.5, 1,
  2,
];
/** A member with this much unsent is a slow reader: it skips snapshots until it drains. */
const MAX_UNSENT_BYTES = 256 * 1024;

/** `ws` frames messages with its Sender; @types/ws does not declare it. */
interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}
const { Sender } = wsModule as unknown as {
  Sender: { frame: (data: Buffer, options: FrameOptions) => Buffer[] };
};
/** What engine.io's `wsPreEncodedFrame` writes through: a frame built once, sent as is. */
interface SocketInternals {
  _sender: { sendFrame: (list: Buffer[]) => void };
  _socket: { writableLength: number };
}

/** One binary WebSocket message, header and payload in one buffer, ready for any socket. */
export function preFrame(payload: Uint8Array): Buffer {
  const data = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const options = { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false };
  return Buffer.concat(Sender.frame(data, options));
}

export interface FloorCounters {
  clients: number;
  rooms: number;
  inputs: FloorInputCounters;
  unreadable: number;
  snapshotsSent: number;
  snapshotBytesSent: number;
  /** Snapshots not written to a slow reader. */
  snapshotsSkipped: number;
  /** Cumulative, like a Prometheus histogram. */
  tickBuckets: HistogramBucket[];
  /** Each input's wait from its arrival to the tick that applied it; cumulative. */
  inputWaitBuckets: HistogramBucket[];
  /** p99 of how late the event loop ran since the previous reading (event-loop-lag.ts). */
  eventLoopLagP99Ms: number;
}

export interface FloorOptions {
  playersPerRoom: number;
  tickRateHz?: number;
}

export class FloorServer {
  private readonly wss: WebSocketServer;
  private readonly rooms = new Set<FloorRoom>();
  private filling: FloorRoom | undefined;
  private nextId = 1;
  private clients = 0;
  private readonly tickDurations = new BucketCounts(TICK_BUCKETS_SECONDS);
  private readonly inputWaits = new BucketCounts(INPUT_WAIT_BUCKETS_SECONDS);
  private readonly loopLag = new EventLoopLagMonitor();
  private readonly sent = {
    unreadable: 0,
    snapshotsSent: 0,
    snapshotBytesSent: 0,
    snapshotsSkipped: 0,
  };
  private readonly inputCounters: FloorInputCounters = { received: 0, stale: 0, dropped: 0 };
  private readonly stopTicker: () => void;
  private readonly tickRateHz: number;

  constructor(private readonly options: FloorOptions) {
    this.tickRateHz = options.tickRateHz ?? DEFAULT_SIM_CONFIG.tickRateHz;
    this.wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    this.wss.on('connection', (socket) => this.seat(socket));
    this.stopTicker = startFixedTicker(this.tickRateHz, (dueMs) => this.tick(dueMs));
  }

  /** Resolves with the port once listening. */
  listening(): Promise<number> {
    return new Promise((resolve, reject) => {
      const port = () => (this.wss.address() as { port: number }).port;
      if (this.wss.address()) return resolve(port());
      this.wss.once('listening', () => resolve(port()));
      this.wss.once('error', reject);
    });
  }

  counters(): FloorCounters {
    return {
      clients: this.clients,
      rooms: this.rooms.size,
      inputs: { ...this.inputCounters },
      ...this.sent,
      tickBuckets: this.tickDurations.cumulative(),
      inputWaitBuckets: this.inputWaits.cumulative(),
      eventLoopLagP99Ms: this.loopLag.read().p99Ms,
    };
  }

  close(): Promise<void> {
    this.stopTicker();
    this.loopLag.stop();
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private seat(socket: WebSocket): void {
    if (!this.filling || this.filling.full) {
      this.filling = new FloorRoom(this.nextId, this.options.playersPerRoom);
      this.rooms.add(this.filling);
    }
    const room = this.filling;
    const id = this.nextId++;
    const inputs = new FloorInputQueue(this.inputCounters, (waitedMs) =>
      this.inputWaits.observe(waitedMs / 1000),
    );
    room.add({ id, inputs, send: (frame) => this.sendFrame(socket, frame) });
    this.clients += 1;
    this.sendText(socket, { type: 'welcome', selfId: id, sim: this.simSettings() });
    socket.on('message', (data, isBinary) => this.receive(socket, inputs, data, isBinary));
    socket.on('close', () => {
      this.clients -= 1;
      room.remove(id);
      if (room.size === 0) this.rooms.delete(room);
      if (room === this.filling && room.size === 0) this.filling = undefined;
    });
  }

  private receive(socket: WebSocket, inputs: FloorInputQueue, data: RawData, isBinary: boolean) {
    const message = isBinary ? decodeFloorClientMessage(messageBytes(data)) : null;
    if (message?.type === 'input') return inputs.receive(message.input.seq, message.input.buttons);
    if (message?.type === 'ping') {
      const serverTimeMs = performance.now();
      return this.sendText(socket, {
        type: 'pong',
        clientTimeMs: message.clientTimeMs,
        serverTimeMs,
      });
    }
    this.sent.unreadable += 1;
  }

  private tick(dueMs: number): void {
    for (const room of this.rooms) {
      const started = performance.now();
      room.step();
      this.tickDurations.observe((performance.now() - started) / 1000);
      const snapshot = room.encodeSnapshot(dueMs);
      this.sent.snapshotBytesSent += room.broadcast(snapshot, preFrame);
      this.sent.snapshotsSent += 1;
    }
  }

  /** Writes a framed snapshot; false when the member is not written it (closed, or behind). */
  private sendFrame(socket: WebSocket, frame: Buffer): boolean {
    if (socket.readyState !== socket.OPEN) return false;
    const internals = socket as unknown as SocketInternals;
    if (internals._socket.writableLength > MAX_UNSENT_BYTES) {
      this.sent.snapshotsSkipped += 1;
      return false;
    }
    internals._sender.sendFrame([frame]);
    return true;
  }

  private sendText(socket: WebSocket, message: FloorText): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  private simSettings(): FloorWelcome['sim'] {
    const { arenaWidth, arenaHeight, roundSeconds, intermissionSeconds } = DEFAULT_SIM_CONFIG;
    const { tickRateHz } = this;
    return {
      tickRateHz,
      snapshotRateHz: tickRateHz,
      arenaWidth,
      arenaHeight,
      roundSeconds,
      intermissionSeconds,
      // The floor applies the oldest waiting input each tick: no slots, no buffer.
      inputBufferTicks: 0,
    };
  }
}

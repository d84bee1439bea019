/**
 * Every packet a transport connection sends costs it, whatever engine.io or socket.io makes
 * of it: events, pongs, namespace CONNECTs (to namespaces that exist or not), binary
 * attachments, and the WebSocket's own ping and pong frames, which `ws` handles below
 * engine.io (a ping is answered with a pong written back). The event rate limits
 * (rate-limits.ts) see only events; a flood of pongs or CONNECTs never reaches them, yet costs
 * the server as much. So each connection has one packet bucket too, sized well above what an
 * honest client sends (one input per tick, clock pings, a pong every heartbeat; a browser
 * sends no WebSocket pings at all):
 * - past it once, a WebSocket connection is paused: its socket is not read until the debt is
 *   repaid, so the kernel's window fills and TCP slows the sender down, at no cost to the server
 *   (a client that sent a burst after its own network hiccup gets through this way);
 * - past it again before its bucket has filled up, far past it (PACKET_MAX_DEBT_SECONDS of its
 *   rate, packets already read when it was paused), or past it at all on HTTP long-polling
 *   (which cannot be paused), the connection is closed: that is a flood, not a burst.
 * The server's own stalls are forgiven here as in the event limits.
 */
import type { LimitSpec } from './rate-limits.js';
import { StallCredit } from './stall-credit.js';
import { TokenBucket } from './token-bucket.js';

/** Honest clients send about 35 packets a second, 65 during clock sync's first seconds. */
export const PACKET_BUDGET: LimitSpec = { capacity: 300, perSecond: 150 };
export const PACKET_MAX_DEBT_SECONDS = 5;

/** An engine.io transport: on WebSocket, `socket` is `ws`'s WebSocket. */
interface MeteredTransport {
  name: string;
  socket?: unknown;
}

/** The part of engine.io's connection metered here. */
export interface MeteredConnection {
  transport: MeteredTransport;
  on(event: 'packet', listener: () => void): unknown;
  on(event: 'upgrade', listener: (transport: MeteredTransport) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
}

/** `ws`'s WebSocket, as far as its control frames go. */
interface ControlFrameEvents {
  on(event: 'ping' | 'pong', listener: () => void): ControlFrameEvents;
}

/** The `ws` WebSocket under engine.io's websocket transport. */
interface PausableSocket {
  pause(): void;
  resume(): void;
}

export interface PacketMeterOptions {
  now: () => number;
  stalledMs: () => number;
  /** The connection sent far more than it may: close it. */
  onFlood: () => void;
  /** The connection overdrew its budget for the first time, and is not read for a while. */
  onPause?: () => void;
}

/** One connection's meter: what each packet it sends costs it. */
export interface PacketMeter {
  /** Charges one packet; engine.io's `packet` event calls it for each one. */
  readonly charge: () => void;
  /** Packets charged so far. */
  readonly charged: number;
}

const meters = new WeakMap<object, PacketMeter>();

/**
 * The meter of `connection`, for a reader that takes a packet before engine.io emits its
 * `packet` event (direct-inputs.ts) and charges it itself: the same budget, without an event
 * and its listeners' clone for each of 30 inputs a second.
 */
export function packetMeterOf(connection: object): PacketMeter | undefined {
  return meters.get(connection);
}

export function meterPackets(connection: MeteredConnection, options: PacketMeterOptions): void {
  const bucket = new TokenBucket(PACKET_BUDGET.capacity, PACKET_BUDGET.perSecond, options.now());
  const stalls = new StallCredit(options.stalledMs);
  const maxDebt = -PACKET_MAX_DEBT_SECONDS * PACKET_BUDGET.perSecond;
  let paused: PausableSocket | undefined;
  let resumeTimer: NodeJS.Timeout | undefined;
  let flooded = false;
  let overdrawn = false;

  const resume = (): void => {
    resumeTimer = undefined;
    const waitMs = bucket.msUntil(options.now(), 0);
    if (waitMs > 0) {
      resumeTimer = setTimeout(resume, waitMs);
      return;
    }
    paused?.resume();
    paused = undefined;
  };

  const charge = (): void => {
    meter.charged += 1;
    if (flooded) return;
    const now = options.now();
    const credit = stalls.take();
    if (credit > 0) bucket.credit(now, credit);
    if (overdrawn && !paused && bucket.isFull(now)) overdrawn = false;
    const left = bucket.spend(now);
    if (left >= 0) return;
    const socket = connection.transport.socket as Partial<PausableSocket> | undefined;
    const again = overdrawn && !paused;
    overdrawn = true;
    if (again || left < maxDebt || connection.transport.name !== 'websocket' || !socket?.pause) {
      flooded = true;
      socket?.pause?.();
      options.onFlood();
      return;
    }
    if (paused) return;
    paused = socket as PausableSocket;
    paused.pause();
    options.onPause?.();
    resumeTimer = setTimeout(resume, bucket.msUntil(now, 0));
  };
  const meter = { charged: 0, charge };
  meters.set(connection, meter);
  connection.on('packet', charge);
  const chargeControlFrames = (transport: MeteredTransport): void => {
    if (transport.name !== 'websocket') return;
    (transport.socket as ControlFrameEvents | undefined)?.on('ping', charge).on('pong', charge);
  };
  chargeControlFrames(connection.transport);
  connection.on('upgrade', chargeControlFrames);
  connection.once('close', () => clearTimeout(resumeTimer));
}

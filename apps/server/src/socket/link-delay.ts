/**
 * The server half of the link simulator: latency, jitter and stalls on one connection, both
 * ways, for demos and integration tests of the netcode. A WebSocket never drops or reorders,
 * so neither does this: a "lost" packet arrives one resend late and everything behind it waits
 * (a pause, then a burst, in order). The delays come from the netcode's `LinkDelayer`, the
 * same one the browser's simulated link runs and the model the unit tests and netlab measure.
 *
 * A development tool, off unless the host sets LINK_SIMULATOR=on: then it applies to every
 * connection with SIM_LAG_MS / SIM_JITTER_MS / SIM_STALL_PERCENT, or per connection with the
 * handshake query `?lag=150&jitter=30&stall=2` (milliseconds one way, ± jitter, percent of
 * packets that stall; also `net=far`, `stallms=`), which replaces them. What waits in it is
 * bounded: inbound, events the guard already admitted (so within the rate limits, parsed and
 * small); outbound, at most LINK_MAX_HELD_BYTES of frames; and never longer than the profile's
 * worst delay. A connection past a bound is cut off.
 */
import {
  LinkDelayer,
  LinkProfileQueryError,
  makeLinkProfile,
  parseLinkProfileQuery,
  type TimerClock,
  type LinkProfile,
} from '@arena/shared/netcode/server';
import { ErrorCode } from '@arena/shared/protocol';
import type { ServerConfig } from '../config.js';
import type { SendError } from '../send-error.js';
import { keepWritesOnEngine } from './framed-write.js';
import { maxWaitingPackets } from './rate-limits.js';
import type { ArenaSocket } from './types.js';

/** A client may ask for a simulated link; its packets wait in memory, so its wait is bounded. */
const MAX_SIMULATED_LAG_MS = 2000;

/**
 * Frames that may wait in one connection's outbound link. Two seconds of a full room's
 * snapshots are about 30 KiB; a connection whose link holds more is sent far more than a
 * player is, and is cut off rather than parked in memory.
 */
export const LINK_MAX_HELD_BYTES = 256 * 1024;

/** `undefined`: a real link, nothing simulated. */
function linkProfileFromEnv(config: ServerConfig): LinkProfile | undefined {
  const { SIM_LAG_MS, SIM_JITTER_MS, SIM_STALL_PERCENT } = config;
  if (SIM_LAG_MS === 0 && SIM_JITTER_MS === 0 && SIM_STALL_PERCENT === 0) return undefined;
  return makeLinkProfile('env', SIM_LAG_MS, SIM_JITTER_MS, SIM_STALL_PERCENT);
}

const LINK_QUERY_KEYS = new Set(['net', 'lag', 'jitter', 'stall', 'stallms']);

/**
 * The link keys of an already decoded handshake query, as the netcode's parser reads them.
 * Only those keys: a malformed value elsewhere in the query is none of the simulator's business.
 */
function linkQuery(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(query)) {
    const value: unknown = Array.isArray(raw) ? raw.at(-1) : raw;
    if (!LINK_QUERY_KEYS.has(key.toLowerCase()) || typeof value !== 'string') continue;
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  return parts.join('&');
}

/**
 * The connection's link: none while the host has the simulator off (the query is ignored);
 * else the one its handshake query asks for, or the environment's. A bad query value is
 * answered with an error naming the key, and the connection goes on with the environment's link.
 */
export function linkProfileOf(
  socket: ArenaSocket,
  config: ServerConfig,
  sendError: SendError,
): LinkProfile | undefined {
  if (config.LINK_SIMULATOR !== 'on') return undefined;
  try {
    const asked = parseLinkProfileQuery(linkQuery(socket.handshake.query));
    return asked ? bounded(asked) : linkProfileFromEnv(config);
  } catch (error) {
    if (!(error instanceof LinkProfileQueryError)) throw error;
    sendError(ErrorCode.InvalidPayload, `Link simulator: ${error.message}.`);
    return linkProfileFromEnv(config);
  }
}

/** What a client may ask for; the operator's SIM_* settings are taken as given. */
function bounded(profile: LinkProfile): LinkProfile {
  const cap = (ms: number) => Math.min(ms, MAX_SIMULATED_LAG_MS);
  const { name, latencyMs, jitterMs, stallPercent, stallMs } = profile;
  return makeLinkProfile(name, cap(latencyMs), cap(jitterMs), stallPercent, cap(stallMs));
}

/** The longest one packet can wait on this link (a stall included). */
function worstDelayMs(profile: LinkProfile | undefined): number {
  if (!profile) return 0;
  const stall = profile.stallPercent > 0 ? profile.stallMs : 0;
  return profile.latencyMs + profile.jitterMs + stall;
}

export interface SimulatedSocketLink {
  /** False on a real link: `receive` would deliver at once, so callers may skip it. */
  readonly delays: boolean;
  /**
   * Hands one admitted event on once the link delivers it. False when more wait than the rate
   * limits let through in that time (a stall forgiven twice over, say): the caller cuts the
   * socket off rather than park them.
   */
  receive: (deliver: () => void) => boolean;
  /** The connection is gone: stop the timers and drop what is in flight. */
  close: () => void;
}

const REAL_LINK: SimulatedSocketLink = {
  delays: false,
  receive: (deliver) => {
    deliver();
    return true;
  },
  close: () => {},
};

/** Seeded per connection: each link is reproducible from its seed, and links differ. */
const randomSeed = (): number => Math.floor(Math.random() * 0x1_0000_0000);

/**
 * Puts the link between this socket and the server: everything written to it is delayed, and
 * so is each inbound packet's handling. No profile: a real link, nothing delayed.
 */
export function simulateLink(
  socket: ArenaSocket,
  profile: LinkProfile | undefined,
  tickRateHz: number,
  clock: TimerClock,
): SimulatedSocketLink {
  if (!profile || worstDelayMs(profile) === 0) return REAL_LINK;
  const outbound = delayOutbound(socket, profile, clock, () => {
    // The frames in the link are dropped with it (close); the socket goes with its connection.
    socket.conn.close(true);
  });
  const inbound = new LinkDelayer(profile, randomSeed(), clock);
  const maxWaiting = maxWaitingPackets(tickRateHz, worstDelayMs(profile));
  return {
    delays: true,
    receive: (deliver) => {
      if (inbound.waiting >= maxWaiting) return false;
      inbound.delay(deliver);
      return true;
    },
    close: () => {
      inbound.close();
      outbound.close();
    },
  };
}

/** Bytes of one engine.io frame: exact for binary, UTF-16 units (as good) for JSON text. */
export function frameBytes(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return data.byteLength;
  return 0;
}

/**
 * Delays everything the server writes to this socket: its own emits and the room broadcasts
 * alike reach the connection through engine.io's `write`, and socket.io has no outbound hook,
 * so the link wraps that one method of this one connection (and snapshots, which may go
 * around it straight to the WebSocket, keep to it here). Past LINK_MAX_HELD_BYTES waiting,
 * `overflow` is called once and nothing more is held.
 */
function delayOutbound(
  socket: ArenaSocket,
  profile: LinkProfile,
  clock: TimerClock,
  overflow: () => void,
): LinkDelayer {
  const conn = socket.conn;
  const write = conn.write.bind(conn);
  const link = new LinkDelayer(profile, randomSeed(), clock);
  let heldBytes = 0;
  let overflowed = false;
  keepWritesOnEngine(conn);
  conn.write = (data, options, callback) => {
    const bytes = frameBytes(data);
    if (overflowed) return conn;
    if (heldBytes + bytes > LINK_MAX_HELD_BYTES) {
      overflowed = true;
      link.close();
      overflow();
      return conn;
    }
    heldBytes += bytes;
    link.delay(() => {
      heldBytes -= bytes;
      if (conn.readyState === 'open') write(data, options, callback);
    });
    return conn;
  };
  return link;
}

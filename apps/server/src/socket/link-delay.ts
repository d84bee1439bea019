/**
 * The server half of the link simulator: latency, jitter and stalls on one connection, both
 * ways, for demos and integration tests of the netcode. A WebSocket never drops or reorders,
 * so neither does this: a "lost" packet arrives one resend late and everything behind it waits
 * (a pause, then a burst, in order). The delays come from the netcode's `SimulatedLink`, the
 * same model the unit tests and netlab measure.
 *
 * Set for every connection with SIM_LAG_MS / SIM_JITTER_MS / SIM_STALL_PERCENT, or per
 * connection with the handshake query `?lag=150&jitter=30&stall=2` (milliseconds one way,
 * ± jitter, percent of packets that stall; also `net=far`, `stallms=`), which replaces them.
 */
import {
  makeLinkProfile,
  parseLinkProfileQuery,
  SimulatedLink,
  type LinkProfile,
} from '@arena/shared/netcode';
import type { ServerConfig } from '../config.js';
import type { ArenaSocket } from './types.js';

/** Any client may ask for a simulated link; its packets wait in memory, so its wait is bounded. */
export const MAX_SIMULATED_LAG_MS = 2000;

/** `undefined`: a real link, nothing simulated. */
export function linkProfileFromEnv(config: ServerConfig): LinkProfile | undefined {
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
 * The connection's link: the one its handshake query asks for, else the environment's.
 * Throws `LinkProfileQueryError` (naming the key) for a bad query value.
 */
export function linkProfileFor(socket: ArenaSocket, config: ServerConfig): LinkProfile | undefined {
  const asked = parseLinkProfileQuery(linkQuery(socket.handshake.query));
  return asked ? bounded(asked) : linkProfileFromEnv(config);
}

/** What a client may ask for; the operator's SIM_* settings are taken as given. */
function bounded(profile: LinkProfile): LinkProfile {
  const cap = (ms: number) => Math.min(ms, MAX_SIMULATED_LAG_MS);
  const { name, latencyMs, jitterMs, stallPercent, stallMs } = profile;
  return makeLinkProfile(name, cap(latencyMs), cap(jitterMs), stallPercent, cap(stallMs));
}

/** The longest one packet can wait on this link (a stall included). */
export function worstDelayMs(profile: LinkProfile | undefined): number {
  if (!profile) return 0;
  const stall = profile.stallPercent > 0 ? profile.stallMs : 0;
  return profile.latencyMs + profile.jitterMs + stall;
}

/**
 * Delivers callbacks as the simulated link would, strictly in the order they were scheduled.
 * One queue and one timer: separate timers per packet may fire out of order when their due
 * times are within a millisecond, which would split a binary event from its attachment.
 */
export function orderedDelayer(
  profile: LinkProfile,
  seed = Math.floor(Math.random() * 0x1_0000_0000),
): (deliver: () => void) => void {
  // Seeded per connection: each link is reproducible from its seed, and links differ.
  const link = new SimulatedLink<() => void>(profile, seed);
  let timer: NodeJS.Timeout | null = null;

  const schedule = (now: number): void => {
    const next = link.nextDeliveryAtMs();
    if (next !== undefined) timer = setTimeout(pump, Math.max(1, next - now));
  };
  const pump = (): void => {
    timer = null;
    const now = performance.now();
    for (const deliver of link.receive(now)) deliver();
    schedule(now);
  };

  return (deliver) => {
    const now = performance.now();
    link.send(now, deliver);
    if (!timer) schedule(now);
  };
}

/**
 * Puts the link between this socket and the server: everything written to it is delayed here,
 * and the returned function delays each inbound packet's handling. No profile: no delay.
 */
export function simulateLink(
  socket: ArenaSocket,
  profile: LinkProfile | undefined,
): (deliver: () => void) => void {
  if (worstDelayMs(profile) === 0) return (deliver) => deliver();
  delayOutbound(socket, profile!);
  return orderedDelayer(profile!);
}

/** Delays everything the server writes to this socket (direct emits and room broadcasts). */
export function delayOutbound(socket: ArenaSocket, profile: LinkProfile): void {
  const conn = socket.conn as unknown as { write: (...args: unknown[]) => unknown };
  const write = conn.write.bind(conn);
  const schedule = orderedDelayer(profile);
  conn.write = (...args: unknown[]) => {
    schedule(() => {
      if (socket.conn.readyState === 'open') write(...args);
    });
    return conn;
  };
}

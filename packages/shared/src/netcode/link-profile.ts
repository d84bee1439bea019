/**
 * What a network path looks like to a WebSocket: a delay, some jitter, and now and then a
 * stall. TCP never drops or reorders what the game sees: a lost packet is resent after about
 * one round trip, and everything sent behind it waits (head-of-line blocking), so loss shows
 * up as a pause followed by a burst, still in order.
 */
export interface LinkProfile {
  name: string;
  /** One-way base latency (ms). */
  latencyMs: number;
  /** Each packet's latency varies uniformly within ± this much (ms). */
  jitterMs: number;
  /** Chance, in percent, that a packet is lost and has to be resent. */
  stallPercent: number;
  /** How long a resend takes (ms). */
  stallMs: number;
}

/** TCP notices a loss after a few packets and resends it: about one round trip, not less. */
const MIN_STALL_MS = 60;

export function stallMsFor(latencyMs: number): number {
  return Math.max(MIN_STALL_MS, 2 * latencyMs);
}

export function makeLinkProfile(
  name: string,
  latencyMs: number,
  jitterMs = 0,
  stallPercent = 0,
  stallMs = stallMsFor(latencyMs),
): LinkProfile {
  return { name, latencyMs, jitterMs, stallPercent, stallMs };
}

/** The profiles netlab and the tests measure; the netcode's targets are set on `far`. */
export const LinkProfiles = {
  lan: makeLinkProfile('lan', 2),
  wifi: makeLinkProfile('wifi', 40, 10),
  far: makeLinkProfile('far', 150, 30, 1),
  badMobile: makeLinkProfile('badMobile', 300, 80, 3),
} as const satisfies Record<string, LinkProfile>;

export type LinkProfileName = keyof typeof LinkProfiles;

export function isLinkProfileName(name: string): name is LinkProfileName {
  return Object.hasOwn(LinkProfiles, name);
}

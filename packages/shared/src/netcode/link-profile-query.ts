/**
 * `?lag=150&jitter=30&stall=2` → a `LinkProfile`, for the browser's address bar and for the
 * server's per-connection simulator. `net=far` starts from a named profile; the other keys
 * override it. No query keys → `undefined` (a real link, nothing simulated).
 */
import {
  isLinkProfileName,
  LinkProfiles,
  makeLinkProfile,
  type LinkProfile,
} from './link-profile.js';

export class LinkProfileQueryError extends Error {
  override name = 'LinkProfileQueryError';
}

const NUMBER_KEYS = { lag: 100_000, jitter: 100_000, stall: 100, stallms: 100_000 } as const;
type NumberKey = keyof typeof NUMBER_KEYS;

function parsePairs(query: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const body = query.startsWith('?') ? query.slice(1) : query;
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    pairs.set(key, decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1)));
  }
  return pairs;
}

function readNumber(pairs: Map<string, string>, key: NumberKey): number | undefined {
  const raw = pairs.get(key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > NUMBER_KEYS[key]) {
    throw new LinkProfileQueryError(
      `${key}=${raw}: expected a number from 0 to ${NUMBER_KEYS[key]}`,
    );
  }
  return value;
}

function baseProfile(pairs: Map<string, string>): LinkProfile | undefined {
  const name = pairs.get('net');
  if (name === undefined) return undefined;
  if (!isLinkProfileName(name)) {
    const known = Object.keys(LinkProfiles).join(', ');
    throw new LinkProfileQueryError(`net=${name}: expected one of ${known}`);
  }
  return LinkProfiles[name];
}

/** Throws `LinkProfileQueryError` naming the bad key, so the page can say what is wrong. */
export function parseLinkProfileQuery(query: string): LinkProfile | undefined {
  const pairs = parsePairs(query);
  const base = baseProfile(pairs);
  const lag = readNumber(pairs, 'lag');
  const jitter = readNumber(pairs, 'jitter');
  const stall = readNumber(pairs, 'stall');
  const stallMs = readNumber(pairs, 'stallms');
  if (!base && lag === undefined && jitter === undefined && stall === undefined) return undefined;
  const latencyMs = lag ?? base?.latencyMs ?? 0;
  return makeLinkProfile(
    base && lag === undefined ? base.name : 'custom',
    latencyMs,
    jitter ?? base?.jitterMs ?? 0,
    stall ?? base?.stallPercent ?? 0,
    stallMs ?? (lag === undefined ? base?.stallMs : undefined),
  );
}

/**
 * The address a client is counted under by every per-address limit (connections, rooms, room
 * code guesses, the echo endpoint). Without TRUST_PROXY it is the socket's remote address.
 * With it, a request that comes from a trusted proxy is counted under the address that proxy
 * forwarded: the rightmost X-Forwarded-For entry that is not itself a trusted proxy (each hop
 * appends the address it received from, so entries left of an untrusted one could be forged).
 *
 * Addresses are keys, not hosts: an IPv4-mapped IPv6 address is its IPv4 address, and an IPv6
 * address stands for its whole /64, which one subscriber usually holds (and could otherwise
 * walk through to escape every limit).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isIP, isIPv4 } from 'node:net';

export interface AddressedRequest {
  socket: { remoteAddress?: string | undefined };
  headers: IncomingHttpHeaders;
}

export type ClientAddressOf = (request: AddressedRequest) => string;

/** TRUST_PROXY's shorthand for a proxy on this machine. */
const LOOPBACK = 'loopback';

/** TRUST_PROXY's accepted values: `off`, `loopback`, or a comma-separated list of addresses. */
export function trustProxyProblem(value: string): string | undefined {
  if (value === 'off') return undefined;
  const bad = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== LOOPBACK && isIP(entry) === 0);
  return bad.length > 0 ? `not an IP address: ${bad.join(', ')}` : undefined;
}

function unmapped(address: string): string {
  const withoutZone = address.split('%')[0]!;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(withoutZone);
  return mapped ? mapped[1]! : withoutZone;
}

function isLoopback(address: string): boolean {
  return address === '::1' || (isIPv4(address) && address.startsWith('127.'));
}

/** The eight 16-bit groups of an IPv6 address, `::` and a trailing IPv4 part expanded. */
function ipv6Groups(address: string): string[] {
  let text = address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((g) =>
    (parseInt(g, 16) || 0).toString(16),
  );
}

/** The key an address is counted under: IPv4 as it is, IPv6 by its /64. */
export function addressKey(address: string): string {
  const plain = unmapped(address);
  if (isIP(plain) !== 6 || isLoopback(plain)) return plain;
  return `${ipv6Groups(plain).slice(0, 4).join(':')}::/64`;
}

/** One X-Forwarded-For entry as an address, without a port or brackets; undefined if it is none. */
function forwardedAddress(entry: string): string | undefined {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(text);
  const address = bracketed?.[1] ?? v4WithPort?.[1] ?? text;
  return isIP(unmapped(address)) === 0 ? undefined : unmapped(address);
}

/** Whether a peer address is one of TRUST_PROXY's proxies. */
export function trustedProxies(trustProxy: string): (address: string) => boolean {
  const entries = trustProxy === 'off' ? [] : trustProxy.split(',').map((e) => e.trim());
  const trustsLoopback = entries.includes(LOOPBACK);
  const trusted = new Set(entries.filter((e) => e !== LOOPBACK).map(unmapped));
  return (address) => {
    const plain = unmapped(address);
    return trusted.has(plain) || (trustsLoopback && isLoopback(plain));
  };
}

export function clientAddressResolver(trustProxy: string): ClientAddressOf {
  const isTrusted = trustedProxies(trustProxy);

  return (request) => {
    const peer = unmapped(request.socket.remoteAddress ?? '');
    if (!isTrusted(peer)) return addressKey(peer);
    const header = request.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    let client = peer;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = forwardedAddress(hops[i]!);
      if (hop === undefined) break;
      client = hop;
      if (!isTrusted(hop)) break;
    }
    return addressKey(client);
  };
}

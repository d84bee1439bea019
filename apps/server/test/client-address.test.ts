/** Which address a client is counted under: the socket's, or the one a trusted proxy forwarded. */
import { describe, expect, it } from 'vitest';
import { addressKey, clientAddressResolver, trustProxyProblem } from '../src/client-address.js';
import { loadConfig } from '../src/config.js';

const request = (remoteAddress: string, forwardedFor?: string) => ({
  socket: { remoteAddress },
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
});

describe('addressKey', () => {
  it('counts IPv4-mapped IPv6 as IPv4, and IPv6 by its /64', () => {
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::99')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('::1');
  });
});

describe('clientAddressResolver', () => {
  it('uses the socket address when TRUST_PROXY is off, whatever the header says', () => {
    const addressOf = clientAddressResolver('off');
    expect(addressOf(request('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
  });

  it('believes a trusted proxy: the rightmost forwarded address that is not a proxy', () => {
    const addressOf = clientAddressResolver('loopback, 10.0.0.2');
    expect(addressOf(request('::ffff:127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    // A client can put anything left of what the proxies appended: it is not believed.
    expect(addressOf(request('127.0.0.1', '198.51.100.1, 203.0.113.9, 10.0.0.2'))).toBe(
      '203.0.113.9',
    );
    expect(addressOf(request('127.0.0.1', '[2001:db8::5]:443'))).toBe('2001:db8:0:0::/64');
    expect(addressOf(request('127.0.0.1', '203.0.113.9:5678'))).toBe('203.0.113.9');
  });

  it('ignores the header from anyone else, and falls back to the proxy when it is useless', () => {
    const addressOf = clientAddressResolver('loopback');
    expect(addressOf(request('198.51.100.1', '203.0.113.9'))).toBe('198.51.100.1');
    expect(addressOf(request('127.0.0.1'))).toBe('127.0.0.1');
    expect(addressOf(request('127.0.0.1', 'unknown'))).toBe('127.0.0.1');
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default and takes loopback or addresses, nothing else', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe('off');
    expect(trustProxyProblem('loopback,10.0.0.1,::1')).toBeUndefined();
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY: not an IP address/);
  });
});

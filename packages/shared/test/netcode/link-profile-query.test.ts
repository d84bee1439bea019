import { describe, expect, it } from 'vitest';
import { LinkProfiles } from '../../src/netcode/link-profile.js';
import {
  LinkProfileQueryError,
  parseLinkProfileQuery,
} from '../../src/netcode/link-profile-query.js';

describe('parseLinkProfileQuery', () => {
  it('reads lag, jitter and stall percent', () => {
    expect(parseLinkProfileQuery('?lag=150&jitter=30&stall=2')).toEqual({
      name: 'custom',
      latencyMs: 150,
      jitterMs: 30,
      stallPercent: 2,
      stallMs: 300,
    });
  });

  it('returns undefined when nothing is simulated', () => {
    expect(parseLinkProfileQuery('')).toBeUndefined();
    expect(parseLinkProfileQuery('?room=ABCD')).toBeUndefined();
  });

  it('starts from a named profile and lets keys override it', () => {
    expect(parseLinkProfileQuery('net=far')).toEqual(LinkProfiles.far);
    expect(parseLinkProfileQuery('?net=far&stall=0')).toMatchObject({
      latencyMs: 150,
      stallPercent: 0,
    });
  });

  it('accepts lag alone, as in ?lag=200', () => {
    expect(parseLinkProfileQuery('?lag=200')).toMatchObject({
      latencyMs: 200,
      jitterMs: 0,
      stallPercent: 0,
    });
  });

  it('names the bad key', () => {
    expect(() => parseLinkProfileQuery('?lag=fast')).toThrow(LinkProfileQueryError);
    expect(() => parseLinkProfileQuery('?lag=-5')).toThrow(/lag=-5/);
    expect(() => parseLinkProfileQuery('?stall=101')).toThrow(/stall/);
    expect(() => parseLinkProfileQuery('?net=moon')).toThrow(/net=moon/);
  });
});

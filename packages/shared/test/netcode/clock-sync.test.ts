import { describe, expect, it } from 'vitest';
import { ClockSync } from '../../src/netcode/clock-sync.js';
import { LinkProfiles, type LinkProfile } from '../../src/netcode/link-profile.js';
import { SimulatedLink } from '../../src/netcode/link-simulator.js';

type Up = { ping: number } | { input: true };
type Down = { pong: number; serverTimeMs: number } | { snapshotAt: number };

/**
 * A client whose clock is `offsetMs` behind the server's, pinging as ClockSync asks while
 * inputs and snapshots share the same links, as in the game. Returns the error after `ms`.
 */
function errorAfter(profile: LinkProfile, seed: number, ms: number, offsetMs: number): number {
  const up = new SimulatedLink<Up>(profile, seed * 2);
  const down = new SimulatedLink<Down>(profile, seed * 2 + 1);
  const sync = new ClockSync();
  for (let now = 0; now <= ms; now += 1) {
    const local = now - offsetMs;
    // As ClientNetcode does: a ping goes out on a tick, just before that tick's input.
    if (now % 33 === 0) {
      if (sync.shouldPing(local)) up.send(now, { ping: local });
      up.send(now, { input: true });
    }
    if (now % 33 === 16) down.send(now, { snapshotAt: now });
    for (const m of up.receive(now))
      if ('ping' in m) down.send(now, { pong: m.ping, serverTimeMs: now });
    for (const m of down.receive(now)) {
      if ('pong' in m)
        sync.addSample({
          clientSendMs: m.pong,
          serverTimeMs: m.serverTimeMs,
          clientReceiveMs: local,
        });
      else sync.addServerTimestamp(m.snapshotAt, local);
    }
  }
  return Math.abs(sync.offsetMs - offsetMs);
}

describe('ClockSync', () => {
  it('is within 5 ms of the server clock 2 s after connecting on the far profile', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(errorAfter(LinkProfiles.far, seed, 2000, 12_345.678)).toBeLessThanOrEqual(5);
    }
  });

  it('is within a millisecond on a LAN', () => {
    expect(errorAfter(LinkProfiles.lan, 1, 1000, -777)).toBeLessThanOrEqual(1);
  });

  it('is not moved by one late sample', () => {
    const sync = new ClockSync();
    // Server clock = client clock + 1000, 50 ms each way.
    for (let t = 0; t < 10; t++) {
      sync.addSample({
        clientSendMs: t * 100,
        serverTimeMs: t * 100 + 1050,
        clientReceiveMs: t * 100 + 100,
      });
    }
    const before = sync.offsetMs;
    expect(before).toBe(1000);
    // Stuck 900 ms on the way back (a stall): a wide bracket, no new information.
    sync.addSample({ clientSendMs: 2000, serverTimeMs: 3050, clientReceiveMs: 3000 });
    expect(sync.offsetMs).toBe(before);
    expect(sync.rttMs).toBe(100);
  });

  it('remembers the fastest trips of the whole burst, with two pongs a ping', () => {
    const sync = new ClockSync();
    // Server clock = client clock + 1000: one pong 20 ms each way, then a burst of slower
    // ones from both connections (a snapshot mirror answers each ping too) over 2.4 s.
    sync.addSample({ clientSendMs: 0, serverTimeMs: 1020, clientReceiveMs: 40 });
    for (let n = 1; n < 150; n++) {
      const t = n * 16;
      sync.addSample({ clientSendMs: t, serverTimeMs: t + 1050, clientReceiveMs: t + 80 });
    }
    expect(sync.offsetMs).toBe(1000);
  });

  it('forgets pongs after its window, so the clocks cannot drift apart inside it', () => {
    const sync = new ClockSync({ windowMs: 10_000 });
    sync.addSample({ clientSendMs: 0, serverTimeMs: 1020, clientReceiveMs: 40 });
    sync.addSample({ clientSendMs: 20_000, serverTimeMs: 21_050, clientReceiveMs: 20_080 });
    expect(sync.offsetMs).toBe(1010);
  });

  it('starts over when the server clock jumps', () => {
    const sync = new ClockSync();
    for (let t = 0; t < 5; t++) {
      sync.addSample({
        clientSendMs: t * 100,
        serverTimeMs: t * 100 + 1050,
        clientReceiveMs: t * 100 + 100,
      });
    }
    sync.addSample({ clientSendMs: 600, serverTimeMs: 600 + 5050, clientReceiveMs: 700 });
    expect(sync.offsetMs).toBe(5000);
    expect(sync.serverNow(10)).toBe(5010);
  });

  it('pings fast at first, then once a second', () => {
    const sync = new ClockSync({ burstPings: 3, burstIntervalMs: 50, steadyIntervalMs: 1000 });
    const sent = [];
    for (let now = 0; now <= 3000; now += 10) if (sync.shouldPing(now)) sent.push(now);
    expect(sent).toEqual([0, 50, 100, 1100, 2100]);
  });
});

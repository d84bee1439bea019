/**
 * The plain WebSocket echo, abused, on a budget of its own: a flood of tiny messages from an
 * address's four connections, a client that never reads its replies, messages over the size
 * limit and more connections than an address may open. None of it costs the honest players
 * a snapshot, and what the server held for the attackers is gone once they are.
 */
import { echoCrowd, echoFlood, echoNonReader, echoOversize } from '@arena/bots/attack';
import { connectionCounts, ECHO_MAX_UNSENT_BYTES } from '@arena/server';
import { describe, expect, it } from 'vitest';
import { serverPerTest } from '../../support/server-per-test.js';
import { run, underAttack } from '../../support/under-attack.js';

const ctx = serverPerTest();

describe('echo endpoint under attack', () => {
  it('pauses a flood of tiny messages: the senders are slowed down, not the game', async () => {
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 100 }, (server) =>
      run(echoFlood, server, 3000),
    );
    // Four connections were let in and answered, and the server read far less than was offered.
    expect(outcome['upgrade-101']).toBeGreaterThanOrEqual(4);
    const repliedMessages = (outcome['reply-bytes'] ?? 0) / 3;
    expect(repliedMessages).toBeGreaterThan(0);
    // At most each connection's burst and rate (and their sum's), whatever was written.
    expect(repliedMessages).toBeLessThan(4 * (100 + 50 * 3) + 9 * 4096);
  });

  it('reads a client that never reads its replies at its rate, and holds no more than the bound', async () => {
    let peakUnsent = 0;
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 40 }, async (server) => {
      const sampler = setInterval(() => {
        peakUnsent = Math.max(peakUnsent, connectionCounts(server.services).echoUnsentBytes);
      }, 10);
      try {
        return await run(echoNonReader, server, 3000);
      } finally {
        clearInterval(sampler);
      }
    });
    // Megabytes were pushed at it; the server took in what its rate allows, and what it could
    // not send yet stayed under the bound (the kernel's buffers hold the rest for a while).
    expect(outcome['messages-sent']! * 32).toBeGreaterThan(1024);
    expect(peakUnsent).toBeLessThanOrEqual(ECHO_MAX_UNSENT_BYTES);
  });

  it('answers a message over 64 KiB with close code 1009, delivered before the socket closes', async () => {
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 100 }, (server) =>
      run(echoOversize, server, 2000),
    );
    const outcomes = Object.keys(outcome).filter((k) => k.startsWith('close-'));
    expect(outcomes).toEqual(['close-1009-closed']);
    expect(outcome['close-1009-closed']).toBeGreaterThan(3);
  });

  it('lets an address hold four echo connections, answering 429 past that', async () => {
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 60 }, (server) =>
      run(echoCrowd, server, 2000),
    );
    expect(outcome['upgrade-101']).toBeGreaterThan(0);
    expect(outcome['upgrade-429']).toBeGreaterThan(0);
    expect(outcome['upgrade-101']! / 4).toBeCloseTo(outcome['upgrade-429']! / 4, 0);
  });
});

/**
 * Floods below the event layer: engine.io pongs and CONNECTs to namespaces that do not exist,
 * thousands to a TCP write. Every packet counts against its connection's packet budget: the
 * flooder is slowed down, then cut off, and counted; nobody else notices.
 */
import { namespaceFlood, pongFlood } from '@arena/bots/attack';
import { describe, expect, it } from 'vitest';
import { serverPerTest } from '../../support/server-per-test.js';
import { run, underAttack } from '../../support/under-attack.js';

const ctx = serverPerTest();

describe('packet floods beneath the events', () => {
  it.each([
    ['engine.io pongs', pongFlood],
    ['CONNECTs to unknown namespaces', namespaceFlood],
  ])('hold a flood of %s to its budget', async (_name, flood) => {
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 100 }, (server) =>
      run(flood, server, 3000),
    );
    expect(outcome['join-accepted']).toBeGreaterThan(0);
    // A flooder is paused (not read) at its first overdraft and closed at its second; how far
    // it gets in three seconds depends on how fast the server reads it.
    const { metrics } = ctx.server.services;
    expect(metrics.connectionsPaused).toBeGreaterThan(0);
  });

  it('closes a flood of pongs that goes on after its pause', async () => {
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 100 }, (server) =>
      run(pongFlood, server, 3000),
    );
    expect(outcome['closed-by-server']).toBeGreaterThan(0);
    expect(ctx.server.services.metrics.droppedConnections.get('PACKET_FLOOD')).toBeGreaterThan(0);
  });
});

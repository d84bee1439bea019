/**
 * Floods below the event layer: engine.io pongs, CONNECTs to namespaces that do not exist and
 * WebSocket ping frames, thousands to a TCP write. Every packet counts against its
 * connection's packet budget: the flooder is slowed down, then cut off, and counted; nobody
 * else notices.
 */
import type { EventEmitter } from 'node:events';
import { fragmentFlood, namespaceFlood, pongFlood, webSocketPingFlood } from '@arena/bots/attack';
import { describe, expect, it } from 'vitest';
import { serverPerTest } from '../../support/server-per-test.js';
import { run, underAttack } from '../../support/under-attack.js';

const ctx = serverPerTest();

/**
 * The most packets any one connection had handled in one go, between two runs of the `nextTick`
 * queue (which runs after each TCP read and each turn of the event loop).
 */
function packetsHandledAtOnce(): () => number {
  let most = 0;
  ctx.server.services.io.engine.on('connection', (connection: EventEmitter) => {
    let handled = 0;
    connection.on('packet', () => {
      if (handled === 0) process.nextTick(() => (handled = 0));
      handled += 1;
      most = Math.max(most, handled);
    });
  });
  return () => most;
}

describe('packet floods beneath the events', () => {
  it.each([
    ['engine.io pongs', pongFlood],
    ['CONNECTs to unknown namespaces', namespaceFlood],
    ['WebSocket ping frames', webSocketPingFlood],
  ])('hold a flood of %s to its budget', async (_name, flood) => {
    const mostAtOnce = packetsHandledAtOnce();
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 100 }, (server) =>
      run(flood, server, 3000),
    );
    expect(outcome['join-accepted']).toBeGreaterThan(0);
    // A flooder is paused (not read) at its first overdraft and closed at its second; how far
    // it gets in three seconds depends on how fast the server reads it.
    const { metrics } = ctx.server.services;
    expect(metrics.connectionsPaused).toBeGreaterThan(0);
    // Its 2,048 frames to a write were never handled all at once (1,000 and more when they
    // were): a read that large is handled one message per turn of the event loop, and only a
    // small one at once, at most 85 frames of 6 bytes (the server's SYNC_READ_MAX_BYTES, 512).
    expect(mostAtOnce()).toBeLessThanOrEqual(85);
  });

  it.each([
    ['engine.io pongs', pongFlood],
    ['WebSocket ping frames', webSocketPingFlood],
  ])('closes a flood of %s that goes on after its pause', async (_name, flood) => {
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 100 }, (server) =>
      run(flood, server, 3000),
    );
    expect(outcome['closed-by-server']).toBeGreaterThan(0);
    expect(ctx.server.services.metrics.droppedConnections.get('PACKET_FLOOD')).toBeGreaterThan(0);
  });

  it('closes a message that never ends: its fragments are not packets, and ws counts them', async () => {
    // Empty continuation frames cost no packet and hold no byte; `ws` closes the connection
    // (1008) past 16,384 fragments of one message, within a second of such a flood.
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 100 }, (server) =>
      run(fragmentFlood, server, 3000),
    );
    expect(outcome['closed-by-server']).toBeGreaterThan(0);
  });
});

/**
 * Hundreds of TCP connections from one address that never become a request, silent or
 * slowloris, reopened as soon as the server closes them: the address holds only its share,
 * each is closed once HANDSHAKE_TIMEOUT_MS passes, and the honest players never notice.
 */
import { silentSockets } from '@arena/bots/attack';
import { describe, expect, it } from 'vitest';
import { serverPerTest } from '../../support/server-per-test.js';
import { run, underAttack } from '../../support/under-attack.js';

const MAX_CONNECTIONS_PER_IP = 8;
const ctx = serverPerTest({ MAX_CONNECTIONS_PER_IP, HANDSHAKE_TIMEOUT_MS: 1000 });

describe('sockets that never speak', () => {
  it('hold their address to its share, and are closed when their time runs out', async () => {
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 100 }, (server) =>
      run(silentSockets, server, 3000),
    );
    // Three sockets per allowed connection and 16 more; the honest players hold three of them.
    expect(outcome['held-at-end']).toBeLessThanOrEqual(3 * MAX_CONNECTIONS_PER_IP + 16 - 3);
    const dropped = ctx.server.services.metrics.droppedConnections;
    expect(dropped.get('SOCKETS_PER_ADDRESS')).toBeGreaterThan(0);
    expect(dropped.get('SILENT')).toBeGreaterThan(0);
    expect(outcome['closed-after-holding']).toBeGreaterThan(0);
  });
});

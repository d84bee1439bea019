/**
 * Hostile clients against the connection counts: handshakes socket.io-client never sends (33
 * CONNECTs in one write, CONNECTs to unknown namespaces, the wrong protocol version), resets
 * before and after joining, broken frames and upgrades abandoned half way. Every connection
 * counted is let go exactly once: afterwards every count is back where it was, and the address
 * that did all this can still open as many connections as it may.
 */
import { handshakeAbuse } from '@arena/bots/attack';
import { ErrorCode } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../support/connections.js';
import { connected, connectPlayer } from '../../support/player.js';
import { serverPerTest } from '../../support/server-per-test.js';
import { run, underAttack } from '../../support/under-attack.js';

const MAX_CONNECTIONS_PER_IP = 8;
const ctx = serverPerTest({ MAX_CONNECTIONS_PER_IP });

describe('hostile handshakes', () => {
  it('leave no connection counted once they are gone', async () => {
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 100 }, (server) =>
      run(handshakeAbuse, server, 3000),
    );
    // Every way was tried, several times; the 33 CONNECTs never got in as 33 sockets.
    for (const kind of ['duplicate-connects', 'unknown-namespaces', 'wrong-version', 'reset-'])
      expect(
        Object.keys(outcome).some((k) => k.startsWith(kind)),
        kind,
      ).toBe(true);
    expect(outcome['abandoned-upgrade']).toBeGreaterThan(0);
    expect(outcome['broken-frame']).toBeGreaterThan(0);

    // The three honest players hold three places; the other five are free again.
    const extra = Array.from({ length: MAX_CONNECTIONS_PER_IP - 3 }, () => {
      const socket = connectPlayer(ctx.server.url);
      ctx.sockets.push(socket);
      return socket;
    });
    await Promise.all(extra.map((s) => connected(s)));
    const refused = connectPlayer(ctx.server.url);
    ctx.sockets.push(refused);
    expect((await refusalOf(refused)).code).toBe(ErrorCode.TooManyConnections);
  });
});

/**
 * A player that stops reading, in the honest players' room, answering the heartbeat blind so
 * it is never dropped for silence. It is on HTTP long-polling and stops polling: over a
 * WebSocket the kernel's buffers would take minutes of snapshots first, here what the server
 * sends it waits in the server's own buffer at once. Once it is behind, the room skips its
 * snapshots instead of queueing them: what the server holds for it stays under a small bound,
 * and the honest players see nothing of it.
 */
import { slowPoller } from '@arena/bots/attack';
import { unsentBytes } from '@arena/server';
import { describe, expect, it } from 'vitest';
import { serverPerTest } from '../../support/server-per-test.js';
import { underAttack } from '../../support/under-attack.js';

/**
 * The smallest bound allowed: a connection is behind past 4 KiB. Snapshots are deltas, a few
 * hundred bytes a second for this room, so that takes about 8 s of not reading.
 */
const MAX_UNSENT_BYTES = 64 * 1024;
/** Several heartbeats: the blind answers keep it connected all along. */
const ATTACK_MS = 14_000;

const ctx = serverPerTest({ MAX_UNSENT_BYTES });

describe('a player that stops reading', () => {
  it('is skipped, not queued for: the server holds at most its bound for it', async () => {
    const { metrics, rooms } = ctx.server.services;
    let peakUnsent = 0;
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 60 }, async (server) => {
      const roomCode = [...rooms.all()][0]!.code;
      const sampler = setInterval(() => {
        for (const socket of server.services.io.sockets.sockets.values())
          peakUnsent = Math.max(peakUnsent, unsentBytes(socket.conn));
      }, 20);
      try {
        return await slowPoller({ url: server.url, port: server.port, roomCode }, ATTACK_MS);
      } finally {
        clearInterval(sampler);
      }
    });
    console.log('slow reader:', JSON.stringify(outcome), {
      peakUnsent,
      skipped: metrics.snapshotsSkipped,
    });
    expect(outcome['in-room']).toBe(1);
    expect(outcome['still-open']).toBe(1);
    // Once it was behind, each snapshot was skipped for it, and nothing more piled up.
    expect(metrics.snapshotsSkipped).toBeGreaterThan(30);
    expect(peakUnsent).toBeLessThanOrEqual(MAX_UNSENT_BYTES / 16 + 4096);
  }, 45_000);
});

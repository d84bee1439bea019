/**
 * A server with something in every series of /metrics: a room in play, a browser refused for
 * its origin, and an error sent to a player. For the tests that read the metrics as a whole.
 */
import { ErrorCode } from '@arena/shared/protocol';
import { expect } from 'vitest';
import { refusalOf } from './connections.js';
import { connectPlayer, createRoom, waitFor, waitForTicks } from './player.js';
import type { ServerPerTest } from './server-per-test.js';

export async function makeBusy(ctx: ServerPerTest): Promise<void> {
  const host = await createRoom(ctx.server.url, 'Counted');
  ctx.sockets.push(host.socket);
  const stranger = connectPlayer(ctx.server.url, {
    extraHeaders: { origin: 'https://elsewhere.example' },
  });
  ctx.sockets.push(stranger);
  expect((await refusalOf(stranger)).code).toBe(ErrorCode.OriginNotAllowed);
  const error = waitFor(host.socket, 'error');
  host.socket.emit('room:join', { code: 'ZZZZZ', name: 'Again' });
  await error;
  await waitForTicks(host.socket, 3);
}

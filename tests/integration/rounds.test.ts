/** Rounds end with a scoreboard, and the next one starts by itself. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAll,
  createRoom,
  waitFor,
  waitForSnapshot,
  type PlayerSocket,
} from '../support/player.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
const sockets: PlayerSocket[] = [];

afterEach(async () => {
  closeAll(sockets);
  await server.close();
});

describe('rounds', () => {
  it('names the top scorer as winner, names nobody when nobody scored, and starts the next round', async () => {
    server = await startServer({ ROUND_SECONDS: 2, INTERMISSION_SECONDS: 1 });
    const host = await createRoom(server.url, 'Idle');
    sockets.push(host.socket);
    const first = await waitFor(host.socket, 'round:ended', () => true, 5000);
    expect(first).toMatchObject({ round: 1, winner: null });
    expect(first.scoreboard).toEqual([{ id: host.joined.selfId, name: 'Idle', score: 0 }]);
    await waitForSnapshot(
      host.socket,
      (s) => s.round.number === 2 && s.round.phase === 'playing',
      5000,
    );

    const room = server.services.rooms.get(host.joined.roomCode)!;
    room.sim.world.players[0]!.score = 3; // as if three coins were picked up this round
    const second = await waitFor(host.socket, 'round:ended', (e) => e.round === 2, 5000);
    expect(second.winner).toEqual({ id: host.joined.selfId, name: 'Idle', score: 3 });
  });
});

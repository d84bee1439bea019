/** Rounds end with a scoreboard, and the next one starts by itself. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAll,
  createRoom,
  joinRoom,
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
    expect(first).toMatchObject({ round: 1, winner: null, winners: [] });
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
    expect(second.winners).toEqual([second.winner]);
  });

  it('names every player who shares the best score: a tie is a tie', async () => {
    server = await startServer({ ROUND_SECONDS: 2, INTERMISSION_SECONDS: 1 });
    const alice = await createRoom(server.url, 'Alice');
    const bob = await joinRoom(server.url, alice.joined.roomCode, 'Bob');
    const cy = await joinRoom(server.url, alice.joined.roomCode, 'Cy');
    sockets.push(alice.socket, bob.socket, cy.socket);
    const room = server.services.rooms.get(alice.joined.roomCode)!;
    const scores = new Map([
      [alice.joined.selfId, 2],
      [bob.joined.selfId, 2],
      [cy.joined.selfId, 1],
    ]);
    // Set just before the round ends, so no coin picked up meanwhile can break the tie (and in
    // play: on a slow machine the joins may outlast the 2 s round, and an intermission counts
    // down too).
    await waitForSnapshot(
      cy.socket,
      (s) => s.round.phase === 'playing' && s.round.ticksLeft < 15,
      5000,
    );
    for (const player of room.sim.world.players) player.score = scores.get(player.id)!;

    const ended = await waitFor(cy.socket, 'round:ended', () => true, 5000);
    expect(ended.winners).toEqual([
      { id: alice.joined.selfId, name: 'Alice', score: 2 },
      { id: bob.joined.selfId, name: 'Bob', score: 2 },
    ]);
    expect(ended.scoreboard.map((s) => s.name)).toEqual(['Alice', 'Bob', 'Cy']);
  });
});

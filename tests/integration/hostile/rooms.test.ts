/**
 * Attacks on the rooms, from one address among honest players at another (the server trusts
 * loopback as its proxy, so the attacker's X-Forwarded-For is the address it is counted as):
 * create, drop and create again until every room is taken; and guess private codes as fast as
 * fresh connections allow. The address is held to its rooms and its wrong codes, and everyone
 * else can still open and join rooms.
 */
import { codeGuesser, roomHoarder, type AttackTally } from '@arena/bots/attack';
import { ErrorCode } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { connectPlayer, createRoom, waitFor } from '../../support/player.js';
import { serverPerTest } from '../../support/server-per-test.js';
import type { TestServer } from '../../support/server.js';
import { underAttack } from '../../support/under-attack.js';

const ATTACKER = '203.0.113.9';
const MAX_ROOMS_PER_IP = 3;
const CODE_MISSES_PER_MIN_PER_IP = 10;

const ctx = serverPerTest({
  TRUST_PROXY: 'loopback',
  MAX_ROOMS: 20,
  MAX_ROOMS_PER_IP,
  CODE_MISSES_PER_MIN_PER_IP,
  RECONNECT_GRACE_SECONDS: 1,
});

const fromAttacker = (server: TestServer) => ({
  url: server.url,
  port: server.port,
  forwardedFor: ATTACKER,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rooms under attack', () => {
  it('one address cannot take every room: it keeps its share, and its rooms close once it is gone', async () => {
    let outcome: AttackTally = {};
    await underAttack(ctx, { rssGrowthMb: 100 }, async (server) => {
      outcome = await roomHoarder(fromAttacker(server), 3000);
      return outcome;
    });
    // Fresh connections each time, yet never more rooms at once than the address may have.
    expect(outcome['joined']).toBeGreaterThanOrEqual(MAX_ROOMS_PER_IP);
    expect(outcome[ErrorCode.TooManyRooms]).toBeGreaterThan(0);
    const { rooms } = ctx.server.services;
    expect(rooms.ownedBy(ATTACKER)).toBeLessThanOrEqual(MAX_ROOMS_PER_IP);
    expect(rooms.size).toBeLessThanOrEqual(1 + MAX_ROOMS_PER_IP);
    // Anyone else can still open a room,
    const other = await createRoom(ctx.server.url, 'Other');
    ctx.sockets.push(other.socket);
    // and the hoarded rooms close when the grace of their creator's seat ends.
    const deadline = performance.now() + 5000;
    while (rooms.ownedBy(ATTACKER) > 0 && performance.now() < deadline) await sleep(50);
    expect(rooms.ownedBy(ATTACKER)).toBe(0);
    expect(rooms.size).toBe(2);
  });

  it('private codes cannot be guessed: wrong codes are limited per address, not per connection', async () => {
    let outcome: AttackTally = {};
    const { honest } = await underAttack(ctx, { rssGrowthMb: 100 }, async (server) => {
      outcome = await codeGuesser(fromAttacker(server), 3000);
      return outcome;
    });
    const answered = outcome[ErrorCode.RoomNotFound] ?? 0;
    console.log('code guesses answered in 3 s:', answered, JSON.stringify(outcome));
    expect(answered).toBeLessThanOrEqual(CODE_MISSES_PER_MIN_PER_IP + 1);
    expect(outcome[ErrorCode.RateLimited]).toBeGreaterThan(answered);
    // Past its misses the address is refused even the right code, so a refusal tells nothing.
    const code = ctx.server.services.rooms.roomOf(honest[0]!.socket.id!)!.code;
    const guesser = connectPlayer(ctx.server.url, {
      extraHeaders: { 'x-forwarded-for': ATTACKER },
    });
    ctx.sockets.push(guesser);
    const refused = waitFor(guesser, 'error');
    guesser.emit('room:join', { code, name: 'Guesser' });
    expect((await refused).code).toBe(ErrorCode.RateLimited);
    // Another address joins by the same code at once.
    const friend = connectPlayer(ctx.server.url);
    ctx.sockets.push(friend);
    const joined = waitFor(friend, 'room:joined');
    friend.emit('room:join', { code, name: 'Friend' });
    expect((await joined).roomCode).toBe(code);
  });
});

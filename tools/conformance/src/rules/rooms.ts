import { ROOM_CODE_PATTERN } from '../protocol-facts.js';
import { check, type Joined, type Rule } from '../rule.js';

const JOINED_FIELDS = [
  'roomCode',
  'roomName',
  'isPublic',
  'maxPlayers',
  'role',
  'selfId',
  'sessionToken',
  'resumed',
  'players',
  'sim',
  'chatHistory',
];

export const rooms: Rule = {
  id: 'rooms',
  section: '§4, §5',
  says: 'create, join by code and leave: room:joined with every field, player:joined, room:left, player:left',
  async run(ctx) {
    const host = await ctx.seat('room:create', { name: 'Host', isPublic: false });
    for (const field of JOINED_FIELDS) check(field in host.joined, `room:joined has no ${field}`);
    check(ROOM_CODE_PATTERN.test(host.joined.roomCode), `room code ${host.joined.roomCode}`);
    check(host.joined.role === 'player', 'the creator is not a player');
    check(host.joined.selfId >= 1 && host.joined.selfId <= 0xffff, 'selfId out of 1…65535');
    check(host.joined.sessionToken.length > 0, 'a player got no sessionToken');

    const since = host.client.mark();
    const guest = await ctx.seat('room:join', { code: host.joined.roomCode, name: 'Guest' });
    check(guest.joined.selfId !== host.joined.selfId, 'two seats share an id');
    const seen = await host.client.next<{ id: number; name: string }>(
      'player:joined',
      (p) => p.id === guest.joined.selfId,
      since,
    );
    check(seen.name === 'Guest', `player:joined names ${seen.name}`);
    const players = (guest.joined as Joined & { players: { id: number }[] }).players;
    check(players.length === 2, `room:joined lists ${players.length} players, not 2`);

    const beforeLeave = host.client.mark();
    await guest.client.request('room:leave', {}, 'room:left');
    await host.client.next('player:left', (p) => p.id === guest.joined.selfId, beforeLeave);
  },
};

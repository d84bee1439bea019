import { PROTOCOL_VERSION } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';

export const reconnect: Rule = {
  id: 'reconnect',
  section: '§2',
  says: 'a closed connection holds the seat; auth.sessionToken gives it back (resumed, same id)',
  async run(ctx) {
    const host = await ctx.seat('room:create', { name: 'Stayer', isPublic: false });
    const guest = await ctx.seat('room:join', { code: host.joined.roomCode, name: 'Dropper' });
    const id = guest.joined.selfId;
    const since = host.client.mark();
    guest.client.close(); // a clean disconnect: still a drop, the seat is held
    const dropped = await host.client.next<{ id: number; connected: boolean }>(
      'player:connection',
      (p) => p.id === id,
      since,
    );
    check(!dropped.connected, 'player:connection after a close says connected');
    const held = await host.client.nextSnapshot(
      (s) => s.players.some((p) => p.id === id && !p.connected),
      since,
    );
    check(held.players.length === 2, 'the seat was not held');

    const back = await ctx.open({
      auth: { protocolVersion: PROTOCOL_VERSION, sessionToken: guest.joined.sessionToken },
    });
    const joined = await back.next<{ resumed: boolean; selfId: number }>('room:joined');
    check(joined.resumed, 'room:joined.resumed is false');
    check(joined.selfId === id, `came back as ${joined.selfId}, not ${id}`);
    await host.client.next<{ id: number; connected: boolean }>(
      'player:connection',
      (p) => p.id === id && p.connected,
      since,
    );
  },
};

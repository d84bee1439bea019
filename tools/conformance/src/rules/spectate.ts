import { Code } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';

export const spectate: Rule = {
  id: 'spectate',
  section: '§4, §5',
  says: 'a spectator gets role "spectator", selfId 0, snapshots, SPECTATOR_CANNOT_PLAY; chats as fromId 0 under its name',
  async run(ctx) {
    const host = await ctx.seat('room:create', { name: 'Player', isPublic: false });
    const hostSince = host.client.mark();
    const watcher = await ctx.seat('room:join', {
      code: host.joined.roomCode,
      name: 'Watcher',
      spectate: true,
    });
    const { joined } = watcher;
    check(joined.role === 'spectator', `role is ${String(joined.role)}`);
    check(joined.selfId === 0, `selfId is ${joined.selfId}`);
    check(joined.sessionToken === '', 'a spectator got a sessionToken');
    const snapshot = await watcher.client.nextSnapshot();
    check(!snapshot.players.some((p) => p.id === 0), 'a spectator has a row in snapshots');

    const since = watcher.client.mark();
    watcher.client.emit('player:input', { seq: 1, buttons: 0 });
    const error = await watcher.client.next<{ code: string }>('error', () => true, since);
    check(error.code === Code.SpectatorCannotPlay, `input from a spectator: ${error.code}`);

    watcher.client.emit('chat:send', { text: 'just watching' });
    const line = await host.client.next<{ from: string; fromId: number }>(
      'chat:message',
      () => true,
      hostSince,
    );
    check(line.fromId === 0, `a spectator's chat has fromId ${line.fromId}`);
    check(line.from === 'Watcher', `a spectator's chat is from ${line.from}`);
    const announced = host.client.log.slice(hostSince).some((e) => e.event === 'player:joined');
    check(!announced, 'a spectator was announced as player:joined');
  },
};

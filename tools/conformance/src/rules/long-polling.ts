import { check, type Rule } from '../rule.js';

export const longPolling: Rule = {
  id: 'long-polling',
  section: '§1',
  says: 'HTTP long-polling carries the same events, binary snapshots included',
  async run(ctx) {
    const { client, joined } = await ctx.seat(
      'room:create',
      { name: 'Poller', isPublic: false },
      { transports: ['polling'] },
    );
    const snapshot = await client.nextSnapshot((s) =>
      s.players.some((p) => p.id === joined.selfId),
    );
    check(
      snapshot.acks.some((a) => a.playerId === joined.selfId),
      'no ack row for the player',
    );
    const pong = await client.request<{ clientTimeMs: number }>(
      'time:ping',
      { clientTimeMs: 1234.5 },
      'time:pong',
    );
    check(pong.clientTimeMs === 1234.5, 'time:pong did not echo clientTimeMs');
  },
};

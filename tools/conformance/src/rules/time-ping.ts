import { check, type Rule } from '../rule.js';

export const timePing: Rule = {
  id: 'time-ping',
  section: '§5',
  says: 'time:ping is answered with time:pong: clientTimeMs untouched, serverTimeMs the server clock',
  async run(ctx) {
    const client = await ctx.open();
    const sent = 987654.321;
    const pong = await client.request<{ clientTimeMs: number; serverTimeMs: number }>(
      'time:ping',
      { clientTimeMs: sent },
      'time:pong',
    );
    check(pong.clientTimeMs === sent, `clientTimeMs came back as ${pong.clientTimeMs}`);
    check(Math.abs(pong.serverTimeMs - Date.now()) < 60_000, 'serverTimeMs is not ms since 1970');
  },
};

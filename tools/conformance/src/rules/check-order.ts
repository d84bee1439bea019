import { Code } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';

/** More than any `chat:send` burst the page allows, far less than the socket's patience. */
const MAX_TRIES = 20;

export const checkOrder: Rule = {
  id: 'check-order',
  section: '§3',
  says: 'the rate limit runs before the schema: invalid events of one kind are rate-limited too',
  async run(ctx) {
    const client = await ctx.open();
    const since = client.mark();
    for (let i = 0; i < MAX_TRIES; i++) client.emit('chat:send', { text: 42 });
    const limited = await client.next<{ code: string }>(
      'error',
      (e) => e.code === Code.RateLimited,
      since,
    );
    check(limited.code === Code.RateLimited, 'no RATE_LIMITED');
    const codes = client.log.slice(since).flatMap((e) => {
      const code = (e.payload as { code?: string }).code;
      return e.event === 'error' && code ? [code] : [];
    });
    check(codes[0] === Code.InvalidPayload, `the first invalid chat:send got ${codes[0]}`);
    check(client.socket.connected, `${MAX_TRIES} invalid events disconnected the socket`);
  },
};

import { ConnectRefused } from '../client.js';
import { Code, PROTOCOL_VERSION } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';

export const handshakeVersion: Rule = {
  id: 'handshake-version',
  section: '§2',
  says: 'the right protocolVersion connects; another one is refused with PROTOCOL_MISMATCH',
  async run(ctx) {
    await ctx.open();
    const refused = await ctx.open({ auth: { protocolVersion: PROTOCOL_VERSION + 1000 } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    check(refused instanceof ConnectRefused, 'a wrong protocolVersion was accepted');
    check(refused.data?.code === Code.ProtocolMismatch, `got ${refused.message}`);
    check(typeof refused.data.message === 'string', 'connect_error data has no message');
  },
};

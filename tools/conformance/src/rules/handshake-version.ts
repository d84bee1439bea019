import { ConnectRefused } from '../client.js';
import { Code, PROTOCOL_VERSION } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';

export const handshakeVersion: Rule = {
  id: 'handshake-version',
  section: '§2',
  says: 'the right protocolVersion connects; another one (an older client too) is refused with PROTOCOL_MISMATCH, naming the version the server speaks',
  async run(ctx) {
    await ctx.open();
    for (const version of [PROTOCOL_VERSION - 1, PROTOCOL_VERSION + 1000]) {
      const refused = await ctx.open({ auth: { protocolVersion: version } }).then(
        () => undefined,
        (error: unknown) => error,
      );
      check(refused instanceof ConnectRefused, `protocolVersion ${version} was accepted`);
      check(refused.data?.code === Code.ProtocolMismatch, `got ${refused.message}`);
      check(typeof refused.data.message === 'string', 'connect_error data has no message');
      check(
        refused.data.message.includes(String(PROTOCOL_VERSION)),
        `the refusal does not name protocol ${PROTOCOL_VERSION}: ${refused.data.message}`,
      );
    }
  },
};

import { ConnectRefused } from '../client.js';
import { Code, PROTOCOL_VERSION } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';

const BAD_AUTH: Record<string, unknown>[] = [
  { protocolVersion: PROTOCOL_VERSION, bogus: true },
  { protocolVersion: PROTOCOL_VERSION, sessionToken: 12345 },
  { protocolVersion: PROTOCOL_VERSION, sessionToken: 'x'.repeat(65) },
];

export const handshakeAuthStrict: Rule = {
  id: 'handshake-auth-strict',
  section: '§2',
  says: 'auth is strict: an unknown key or a wrong type is refused with INVALID_PAYLOAD',
  async run(ctx) {
    for (const auth of BAD_AUTH) {
      const refused = await ctx.open({ auth }).then(
        () => undefined,
        (error: unknown) => error,
      );
      const shown = JSON.stringify(auth).slice(0, 80);
      check(refused instanceof ConnectRefused, `auth ${shown} was accepted`);
      check(refused.data?.code === Code.InvalidPayload, `auth ${shown}: ${refused.message}`);
    }
    // A well-formed token that names no seat: connected, in no room.
    await ctx.open({ auth: { protocolVersion: PROTOCOL_VERSION, sessionToken: 'no-such-seat' } });
  },
};

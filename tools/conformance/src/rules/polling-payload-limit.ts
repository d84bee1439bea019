import { PROTOCOL_VERSION, SOCKET_PATH } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';

/** Engine.IO packs several packets into one long-polling body, separated by this byte. */
const PACKET_SEPARATOR = '\x1e';

export const pollingPayloadLimit: Rule = {
  id: 'polling-payload-limit',
  section: '§1',
  says: 'over long-polling maxPayload is per HTTP request: a POST of small packets past it gets 413',
  async run(ctx) {
    const base = `${ctx.url}${SOCKET_PATH}?EIO=4&transport=polling`;
    const open = await (await fetch(base)).text();
    check(open.startsWith('0{'), `the first poll is not an open packet: ${open.slice(0, 40)}`);
    const { sid, maxPayload } = JSON.parse(open.slice(1)) as { sid: string; maxPayload: number };
    check(Number.isInteger(maxPayload) && maxPayload > 0, 'the open packet has no maxPayload');
    const session = `${base}&sid=${encodeURIComponent(sid)}`;
    const connect = `40${JSON.stringify({ protocolVersion: PROTOCOL_VERSION })}`;
    check((await fetch(session, { method: 'POST', body: connect })).ok, 'CONNECT was refused');

    const ping = `42${JSON.stringify(['time:ping', { clientTimeMs: 1 }])}`;
    const count = Math.ceil((maxPayload + 1) / (ping.length + 1));
    const body = Array.from({ length: count }, () => ping).join(PACKET_SEPARATOR);
    const tooBig = await fetch(session, { method: 'POST', body });
    check(tooBig.status === 413, `a ${body.length} B POST got HTTP ${tooBig.status}, not 413`);
  },
};

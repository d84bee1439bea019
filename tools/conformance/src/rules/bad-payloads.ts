import type { ConformanceClient, Payload } from '../client.js';
import { Code } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';

/** Sends `event` and expects `error {code}` naming it (when `named`). */
export async function expectError(
  client: ConformanceClient,
  event: string,
  payload: Payload | Uint8Array,
  code: string,
  named = true,
): Promise<void> {
  const since = client.mark();
  client.emit(event, payload);
  const error = await client.next<{ code: string; message: string; event?: string }>(
    'error',
    () => true,
    since,
  );
  const shown =
    payload instanceof Uint8Array ? `bytes [${payload.join(' ')}]` : JSON.stringify(payload);
  const sent = `${event} ${shown.slice(0, 60)}`;
  check(error.code === code, `${sent}: expected ${code}, got ${error.code}`);
  check(typeof error.message === 'string', `${sent}: the error has no message`);
  if (named) check(error.event === event, `${sent}: error.event is ${error.event}`);
}

export const badPayloads: Rule = {
  id: 'bad-payloads',
  section: '§3, §4, §8',
  says: 'bad payloads and events get error {code, message, event} and change nothing',
  async run(ctx) {
    const lone = await ctx.open();
    await expectError(lone, 'player:input', { seq: 1, buttons: 0 }, Code.NotInRoom);
    await expectError(lone, 'room:join', { code: 'ZZZZZ', name: 'Nobody' }, Code.RoomNotFound);
    await expectError(lone, 'no:such-event', {}, Code.UnknownEvent, false);

    const { client } = await ctx.seat('room:create', { name: 'Tester', isPublic: false });
    await expectError(client, 'player:input', { seq: 1, buttons: 32 }, Code.InvalidPayload);
    await expectError(client, 'player:input', { seq: 1.5, buttons: 0 }, Code.InvalidPayload);
    await expectError(client, 'player:input', { seq: 1, buttons: 0, x: 9 }, Code.InvalidPayload);
    await expectError(client, 'chat:send', { text: 'x'.repeat(801) }, Code.InvalidPayload);
    await expectError(client, 'room:create', { name: 'Again' }, Code.AlreadyInRoom);
    check(client.socket.connected, 'a few bad payloads disconnected the socket');
  },
};

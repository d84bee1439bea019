/** One good payload per client event, with every optional field present. */
import type { ClientEventName, ClientPayloadInput } from '../../src/protocol/events.js';

export const GOOD_PAYLOADS = {
  'room:create': { name: 'Alice', color: 0xff8800, roomName: 'Friday night', isPublic: true },
  'room:join': { code: 'ABCDE', name: 'Bob', color: 0, spectate: false },
  'room:quickplay': { name: 'Cy', color: 0xffffff },
  'room:leave': {},
  'lobby:subscribe': {},
  'lobby:unsubscribe': {},
  'player:input': { seq: 1, buttons: 5, viewTick: 10 },
  'chat:send': { text: 'hello there' },
  'time:ping': { clientTimeMs: 12_345.5 },
  'state:resync': {},
} satisfies { [E in ClientEventName]: ClientPayloadInput<E> };

/** Fields a client must send; every other field of the good payload is optional. */
export const REQUIRED_FIELDS: { [E in ClientEventName]: string[] } = {
  'room:create': ['name'],
  'room:join': ['code', 'name'],
  'room:quickplay': ['name'],
  'room:leave': [],
  'lobby:subscribe': [],
  'lobby:unsubscribe': [],
  'player:input': ['seq', 'buttons'],
  'chat:send': ['text'],
  'time:ping': ['clientTimeMs'],
  'state:resync': [],
};

/** Values of every JS type but `like`'s own. */
export function wrongTypesFor(like: unknown): unknown[] {
  const all: unknown[] = [1, 'x', true, null, {}, [], [1], { value: 1 }, '1', 'true'];
  return all.filter((v) => typeof v !== typeof like || (typeof v === 'object' && v !== null));
}

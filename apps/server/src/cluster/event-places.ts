/**
 * Where each event a member sends is handled in a cluster. Every client event must be placed
 * here (the compiler asks when one is added), since a wrong guess fails only in a cluster and
 * silently: an event handled on the member's own process never reaches a room run by another.
 * - `enter`: entering a room, which may need Redis first (member-router.ts);
 * - `room`: the process that runs the member's room, forwarded there when that is another
 *   (then it is a `FORWARDED_EVENTS` message, and the owner's desk has a handler for it);
 * - `here`: this process, whichever room the member is in (the lobby feed, clock pings, a
 *   keyframe from this process's own snapshot fanout).
 */
import type { ClientEventName } from '@arena/shared/protocol';
import type { ForwardedEvent } from './messages.js';

export type EventPlace = 'enter' | 'room' | 'here';

export const EVENT_PLACES = {
  'room:create': 'enter',
  'room:join': 'enter',
  'room:quickplay': 'enter',
  'room:leave': 'room',
  'player:input': 'room',
  'chat:send': 'room',
  'lobby:subscribe': 'here',
  'lobby:unsubscribe': 'here',
  'time:ping': 'here',
  'state:resync': 'here',
} as const satisfies Record<ClientEventName, EventPlace>;

/** The events handled by the process that runs the member's room. */
export type RoomEvent = {
  [E in keyof typeof EVENT_PLACES]: (typeof EVENT_PLACES)[E] extends 'room' ? E : never;
}[keyof typeof EVENT_PLACES];

/** Whether `event` is handled where the member's room runs. */
export function isRoomEvent(event: ClientEventName): event is RoomEvent {
  return EVENT_PLACES[event] === 'room';
}

// Every room event can be forwarded to its room's process (a join by code is too): a room
// event missing from FORWARDED_EVENTS does not compile.
const _forwardable: readonly ForwardedEvent[] = [] as RoomEvent[];
void _forwardable;

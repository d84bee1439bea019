import { isClientEventName } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { EVENT_PLACES, isRoomEvent } from '../src/cluster/event-places.js';
import { FORWARDED_EVENTS } from '../src/cluster/messages.js';

describe("a cluster's event places", () => {
  it('place every client event, and forward every room event to its room', () => {
    const events = Object.keys(EVENT_PLACES);
    expect(events.every(isClientEventName)).toBe(true);
    const roomEvents = events.filter((e) => isClientEventName(e) && isRoomEvent(e));
    // A join by code goes to the room's process too, before the member is in it.
    expect([...FORWARDED_EVENTS].sort()).toEqual([...roomEvents, 'room:join'].sort());
  });
});

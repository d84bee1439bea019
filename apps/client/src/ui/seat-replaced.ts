/**
 * When another tab of this browser took our seat over (`SESSION_REPLACED`: a duplicated tab
 * carries the same seat token), say so plainly and offer to take it back. Taking it back
 * reconnects with the token, and the other tab is the one told in turn.
 */
import { ErrorCode } from '@arena/shared/protocol';
import type { ArenaClient } from '../game/arena-client.js';
import { byId } from './lobby-elements.js';

const TAKEN_OVER_TEXT = 'This seat was taken over in another tab.';
const TAKING_BACK_TEXT = 'Taking your seat back…';
const GONE_TEXT = 'That seat is no longer held: it was left, or its time ran out.';
/** How long the server gets to hand the seat back before we say it is gone. */
const TAKE_BACK_WAIT_MS = 4000;

export function mountSeatReplaced(client: ArenaClient, root: Document): void {
  const box = byId(root, 'seat-taken', HTMLElement);
  const text = byId(root, 'seat-taken-text', HTMLElement);
  const button = byId(root, 'take-seat-back', HTMLButtonElement);
  let waiting: ReturnType<typeof setTimeout> | undefined;
  const show = (message: string, offerButton: boolean) => {
    text.textContent = message;
    button.hidden = !offerButton;
    box.hidden = false;
  };
  client.onNotice((notice) => {
    if (notice.code === ErrorCode.SessionReplaced) show(TAKEN_OVER_TEXT, true);
  });
  button.addEventListener('click', () => {
    show(TAKING_BACK_TEXT, false);
    client.connection.reclaimSeat();
    clearTimeout(waiting);
    // The seat comes back as room:joined; if it never does, say so instead of waiting forever.
    waiting = setTimeout(() => {
      if (!client.session) show(GONE_TEXT, false);
    }, TAKE_BACK_WAIT_MS);
  });
  client.onSessionChange((session) => {
    if (!session) return;
    clearTimeout(waiting);
    box.hidden = true;
  });
}

/**
 * When another tab of this browser took our seat over (`SESSION_REPLACED`: a duplicated tab
 * carries the same seat token), say so plainly and offer to take it back. Taking it back
 * reconnects with the token, and the other tab is the one told in turn.
 */
import { ErrorCode } from '@arena/shared/protocol';
import type { ArenaClient } from '../game/arena-client.js';
import { byId } from './lobby-elements.js';

const TAKEN_OVER_TEXT = 'This seat was taken over in another tab.';

export function mountSeatReplaced(client: ArenaClient, root: Document): void {
  const box = byId(root, 'seat-taken', HTMLElement);
  const text = byId(root, 'seat-taken-text', HTMLElement);
  const button = byId(root, 'take-seat-back', HTMLButtonElement);
  client.onNotice((notice) => {
    if (notice.code !== ErrorCode.SessionReplaced) return;
    text.textContent = TAKEN_OVER_TEXT;
    box.hidden = false;
  });
  button.addEventListener('click', () => {
    box.hidden = true;
    client.connection.reclaimSeat();
  });
  client.onSessionChange((session) => {
    if (session) box.hidden = true;
  });
}

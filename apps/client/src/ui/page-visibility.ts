/** A hidden tab stops rendering, and so stops sending input: let go of every key first. */
import type { ArenaClient } from '../game/arena-client.js';

export function releaseInputWhenHidden(client: ArenaClient): void {
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) client.releaseInput();
  });
}
